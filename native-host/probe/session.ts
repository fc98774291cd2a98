/**
 * "Negotiate, then TLS on the same socket" with a fallback for servers that speak only old TLS:
 * first a handshake as a current client would make it, and if that fails, a second connection that
 * allows TLS 1.0/1.1 and OpenSSL security level 0, so the version and cipher can still be reported.
 */
import { PROTOCOL_HYBRID, PROTOCOL_HYBRID_EX, PROTOCOL_SSL } from '../rdp/constants.js';
import type { ConnectionConfirm } from '../rdp/x224.js';
import { destroyAll, startTls, type TlsInfo, x224Exchange } from './net.js';

export type TlsSession =
  | {
      ok: true;
      confirm: Extract<ConnectionConfirm, { kind: 'response' }>;
      tls: TlsInfo;
      /** Set when a default (modern) handshake failed and the legacy one worked. */
      modernFailure: { code: string; message: string } | undefined;
    }
  | { ok: false; stage: 'x224'; reason: string; message: string; received: Uint8Array }
  | { ok: false; stage: 'no-tls'; confirm: ConnectionConfirm }
  | { ok: false; stage: 'tls'; code: string; message: string; modernCode: string };

const TLS_PROTOCOLS = new Set([PROTOCOL_SSL, PROTOCOL_HYBRID, PROTOCOL_HYBRID_EX]);

/** Error codes after which a second, legacy handshake is pointless. */
const NO_RETRY = new Set(['ABORTED', 'ETIMEDOUT']);

export async function openTlsSession(
  host: string,
  port: number,
  requestedProtocols: number,
  opts: { servername: string | undefined; timeoutMs: number; signal: AbortSignal },
): Promise<TlsSession> {
  const attempt = async (legacy: boolean): Promise<TlsSession> => {
    const x = await x224Exchange(host, port, requestedProtocols, opts);
    if (!x.ok) return { ok: false, stage: 'x224', reason: x.reason, message: x.message, received: x.received };
    const confirm = x.confirm;
    if (confirm.kind !== 'response' || !TLS_PROTOCOLS.has(confirm.selectedProtocol)) {
      destroyAll(x.socket);
      return { ok: false, stage: 'no-tls', confirm };
    }
    const t = await startTls(x.socket, { ...opts, servername: opts.servername, legacy });
    if (!t.ok) return { ok: false, stage: 'tls', code: t.code, message: t.message, modernCode: t.code };
    return { ok: true, confirm, tls: t.tls, modernFailure: undefined };
  };
  const first = await attempt(false);
  if (first.ok || first.stage !== 'tls' || NO_RETRY.has(first.code)) return first;
  const second = await attempt(true);
  if (second.ok) return { ...second, modernFailure: { code: first.code, message: first.message } };
  if (second.stage === 'tls') return { ...second, modernCode: first.code };
  return second;
}
