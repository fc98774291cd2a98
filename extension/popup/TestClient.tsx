/**
 * "Test my RDP client": the helper listens on 127.0.0.1 for one Remote Desktop connection and shows
 * what the client offered (security protocols, TLS versions and cipher suites, CredSSP and NTLM
 * versions). Gated on the helper's `listen-client` capability. Everything shown is text.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ClientOfferView, readClientOffer } from '../../shared/protocol/client-offer.js';
import { DEFAULT_LISTEN_WAIT_MS } from '../../shared/protocol/limits.js';
import { openChecks } from '../lib/client.js';
import { t } from '../lib/i18n.js';
import type { HelperGuidance, HelperStatusView } from '../lib/messages.js';
import { CopyButton } from './CopyButton.js';

/** How long the popup waits for a client. */

type State =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'listening'; address: string }
  | { phase: 'done'; offer: ClientOfferView | null; noClient: boolean }
  | { phase: 'failed'; message: string; guidance?: HelperGuidance };

const PROTOCOL_WORDS: Record<string, string> = {
  RDP: 'Standard RDP security',
  SSL: 'TLS',
  HYBRID: 'CredSSP (NLA)',
  HYBRID_EX: 'CredSSP with early user authorization',
  RDSTLS: 'RDSTLS',
  RDSAAD: 'Entra ID (RDS AAD)',
};

function Offer({ offer }: { offer: ClientOfferView }) {
  const rows: [string, string][] = [
    [
      t('testClientProtocols'),
      offer.negotiation ? offer.protocols.map((p) => PROTOCOL_WORDS[p] ?? p).join(', ') : t('testClientNoNegotiation'),
    ],
    [t('testClientCookie'), offer.cookie ?? '—'],
    [t('testClientTlsVersions'), offer.tlsVersions.join(', ') || '—'],
    [t('testClientSni'), offer.serverName ?? '—'],
    [t('testClientHandshake'), offer.handshake ?? '—'],
    [t('testClientCredssp'), offer.credsspVersion === undefined ? '—' : String(offer.credsspVersion)],
    [t('testClientNtlm'), offer.ntlmVersion ?? '—'],
  ];
  return (
    <div data-testid="test-client-offer" data-reached={offer.reached}>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-field={k}>{v}</dd>
          </div>
        ))}
      </dl>
      {offer.cipherSuites.length > 0 ? (
        <details>
          <summary>{t('testClientCiphers', [String(offer.cipherSuites.length)])}</summary>
          <pre data-testid="test-client-ciphers">{offer.cipherSuites.join('\n')}</pre>
        </details>
      ) : null}
      <p class="meta">{offer.endMessage}</p>
    </div>
  );
}

export function TestClient({ helper }: { helper: HelperStatusView | null }) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const cancel = useRef<(() => void) | null>(null);
  useEffect(() => () => cancel.current?.(), []);
  if (!helper?.connected || !helper.capabilities.includes('listen-client')) return null;

  const start = () => {
    setState({ phase: 'starting' });
    cancel.current = openChecks({ type: 'listen-client', waitMs: DEFAULT_LISTEN_WAIT_MS }, (e) => {
      if (e.type === 'progress' && e.result.checkId === 'client-listener') {
        const ev = e.result.evidence;
        const address = `${typeof ev.address === 'string' ? ev.address : '127.0.0.1'}:${typeof ev.port === 'number' ? ev.port : '?'}`;
        setState({ phase: 'listening', address });
      } else if (e.type === 'progress' && e.result.checkId === 'client-offer') {
        setState({
          phase: 'done',
          offer: readClientOffer(e.result.evidence.report),
          noClient: e.result.status === 'skipped',
        });
      } else if (e.type === 'failed') {
        setState(
          e.code === 'cancelled'
            ? { phase: 'idle' }
            : { phase: 'failed', message: e.message, ...(e.guidance ? { guidance: e.guidance } : {}) },
        );
      }
    });
  };
  const stop = () => {
    cancel.current?.();
    cancel.current = null;
    setState({ phase: 'idle' });
  };

  return (
    <section aria-labelledby="test-client-h" data-testid="test-client" data-phase={state.phase}>
      <h2 id="test-client-h">{t('testClientHeading')}</h2>
      <p class="meta">{t('testClientIntro')}</p>
      {state.phase === 'idle' || state.phase === 'done' || state.phase === 'failed' ? (
        <button type="button" data-testid="test-client-start" onClick={start}>
          {state.phase === 'idle' ? t('testClientStart') : t('testClientAgain')}
        </button>
      ) : null}
      {state.phase === 'starting' ? <p role="status">{t('testClientStarting')}</p> : null}
      {state.phase === 'listening' ? (
        <div role="status">
          <p>{t('testClientConnectTo')}</p>
          <div class="command">
            <pre data-testid="test-client-address">{state.address}</pre>
            <CopyButton text={state.address} label={t('copyCommand')} />
          </div>
          <p class="meta">{t('testClientWaiting', [String(Math.round(DEFAULT_LISTEN_WAIT_MS / 60_000))])}</p>
          <button type="button" data-testid="test-client-cancel" onClick={stop}>
            {t('testClientCancel')}
          </button>
        </div>
      ) : null}
      {state.phase === 'done' && state.noClient ? <p data-testid="test-client-none">{t('testClientNone')}</p> : null}
      {state.phase === 'done' && !state.noClient && state.offer ? <Offer offer={state.offer} /> : null}
      {state.phase === 'failed' ? (
        <p role="alert" data-testid="test-client-failed">
          {state.guidance ? `${state.guidance.title}: ${state.guidance.explanation}` : state.message}
        </p>
      ) : null}
    </section>
  );
}
