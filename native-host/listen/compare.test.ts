import { describe, expect, it } from 'vitest';
import type { ClientOfferReport } from '../../shared/protocol/client-offer.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { compareWithServer, serverAccepts } from './compare.js';
import { rankedFixes } from './format.js';

const result = (
  checkId: string,
  evidence: Record<string, unknown>,
  status: CheckResult['status'] = 'pass',
): CheckResult => ({
  checkId,
  status,
  summary: `${checkId} summary`,
  evidence,
  findings: [],
  durationMs: 1,
});

const matrix = (accepted: string[]) =>
  result('negotiation', {
    matrix: ['RDP', 'SSL', 'HYBRID', 'HYBRID_EX', 'RDSTLS', 'RDSAAD'].map((p) =>
      accepted.includes(p) ? { protocol: p, verdict: 'accepted' } : { protocol: p, verdict: 'refused' },
    ),
  });

function client(protocols: string[], versions?: string[], extra: Partial<ClientOfferReport> = {}): ClientOfferReport {
  return {
    listener: { address: '127.0.0.1', port: 3390, certificateSha256: '' },
    reached: 'tls',
    end: { reason: 'done', stage: 'tls', message: '' },
    x224: { negotiation: true, requestedProtocols: 0, protocols, flags: [], unknownBits: 0, selected: 'SSL' },
    ...(versions
      ? {
          tls: {
            clientHello: {
              legacyVersion: 'TLS 1.2',
              versions,
              versionsFrom: 'supported_versions',
              cipherSuites: [],
              alpn: [],
              supportedGroups: [],
              extensions: [],
              extendedMasterSecret: true,
              secureRenegotiation: true,
            },
          },
        }
      : {}),
    durationMs: 1,
    ...extra,
  };
}

const server = (accepted: string[], tlsVersion?: string, credssp?: number) => ({
  negotiation: matrix(accepted),
  certificate: result('certificate', tlsVersion ? { tls: { version: tlsVersion } } : {}),
  ntlm: result('ntlm-info', credssp === undefined ? {} : { credsspVersion: credssp }),
});

describe('listen --against: which side must change', () => {
  it('reads accepted, legacy and downgraded answers; nothing for a skipped matrix', () => {
    const n = result('negotiation', {
      matrix: [
        { protocol: 'RDP', verdict: 'legacy' },
        { protocol: 'HYBRID_EX', verdict: 'downgraded', selected: 'HYBRID' },
      ],
    });
    expect([...(serverAccepts(n) ?? [])]).toEqual(['RDP', 'HYBRID']);
    expect(serverAccepts(result('negotiation', {}, 'skipped'))).toBeUndefined();
  });
  it('TLS-only client vs NLA-only server: the client changes, NLA fix first, server fix last', () => {
    const items = compareWithServer(client(['SSL']), server(['HYBRID', 'HYBRID_EX']));
    expect(items[0]).toMatchObject({ status: 'fail', change: 'client' });
    expect(rankedFixes(items).map((f) => f.id)).toEqual([
      'enable-nla-on-client',
      'update-rdp-client',
      'adjust-nla-setting',
    ]);
  });
  it('a client whose TLS list lacks the server version below its own: the server changes', () => {
    const items = compareWithServer(client(['SSL'], ['TLS 1.3', 'TLS 1.2']), server(['SSL'], 'TLSv1'));
    expect(items.find((i) => i.id === 'tls-version')).toMatchObject({ status: 'fail', change: 'server' });
  });
  it('a server version above the client list is not a verdict: not checked', () => {
    const items = compareWithServer(client(['SSL'], ['TLS 1.2']), server(['SSL'], 'TLSv1.3'));
    expect(items.find((i) => i.id === 'tls-version')).toMatchObject({ status: 'not-checked', change: 'unknown' });
  });
  it('CredSSP: an old client against an updated server is a warning for the client', () => {
    const c = client(['SSL', 'HYBRID'], ['TLS 1.2'], { credssp: { version: 3 } });
    const items = compareWithServer(c, server(['HYBRID'], 'TLSv1.2', 6));
    expect(items.find((i) => i.id === 'credssp-version')).toMatchObject({ status: 'warn', change: 'client' });
    expect(items.find((i) => i.id === 'security-protocol')).toMatchObject({ status: 'ok' });
  });
  it('an unreachable server: not checked, never ok', () => {
    const items = compareWithServer(client(['SSL']), {
      negotiation: result('negotiation', {}, 'skipped'),
      certificate: result('certificate', {}, 'skipped'),
      ntlm: result('ntlm-info', {}, 'skipped'),
    });
    expect(items).toEqual([expect.objectContaining({ status: 'not-checked' })]);
  });
});
