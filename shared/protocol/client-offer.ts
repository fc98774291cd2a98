/**
 * What an RDP client offered to the listener (`rdp-doctor listen`, the helper's `listen-client`
 * request). Every string that came from the client is already made safe for display
 * ({@link safeText}) and user names are redacted unless the person asked to see them.
 * Pure types and helpers: no browser or Node APIs.
 */

/** The stages a connection goes through, in order; `reached` names the last one the client completed. */
import { safeText as sanitise } from './safe-text.js';
export const CLIENT_STAGES = ['none', 'connected', 'x224', 'tls', 'credssp', 'mcs'] as const;
export type ClientStage = (typeof CLIENT_STAGES)[number];

export type ClientEndReason =
  /** The client went as far as the listener goes and the listener closed the connection. */
  | 'done'
  /** No client connected before the time limit. */
  | 'no-client'
  /** The run was cancelled (Ctrl+C, the popup's Cancel). */
  | 'cancelled'
  /** The client closed the connection itself (often: it rejected the listener's certificate or the selected protocol). */
  | 'client-closed'
  /** The client stopped sending before the step's time limit. */
  | 'timeout'
  /** The client's bytes were not what RDP sends at that point. */
  | 'protocol-error'
  /** The TLS handshake failed (the ClientHello is still reported). */
  | 'tls-failed';

export interface ClientOfferReport {
  /** Where the listener listened, and the SHA-256 fingerprint of its throwaway certificate. */
  listener: { address: string; port: number; certificateSha256: string };
  /** The furthest stage the client completed. */
  reached: ClientStage;
  end: { reason: ClientEndReason; stage: ClientStage; message: string };
  /** Peer address of the client (loopback unless --allow-remote). */
  clientAddress?: string;
  x224?: {
    /** False for a client that sent no RDP_NEG_REQ (pre-RDP 5.2, or standard RDP security only). */
    negotiation: boolean;
    /** requestedProtocols as sent, and the names of its bits (`RDP` when none is set). */
    requestedProtocols: number;
    protocols: string[];
    /** RDP_NEG_REQ flag names (RESTRICTED_ADMIN_MODE_REQUIRED, …). */
    flags: string[];
    /** requestedProtocols bits that MS-RDPBCGR does not define. */
    unknownBits: number;
    /** `mstshash=` cookie (user name, redacted unless shown) or a load-balancing routing token. */
    cookie?: { kind: 'cookie' | 'routing-token'; value: string; redacted: boolean };
    correlationId?: string;
    /** The protocol the listener selected in its answer (`SSL`, `HYBRID`, `RDP`, …). */
    selected: string;
  };
  tls?: {
    clientHello?: {
      legacyVersion: string;
      versions: string[];
      versionsFrom: 'supported_versions' | 'legacy_version';
      cipherSuites: { id: number; name: string }[];
      serverName?: string;
      alpn: string[];
      supportedGroups: string[];
      extensions: string[];
      extendedMasterSecret: boolean;
      secureRenegotiation: boolean;
    };
    /** The only TLS version the listener offered, when it played a given server's version (`--against`). */
    listenerVersion?: string;
    /** Why the ClientHello could not be read, when it could not. */
    clientHelloError?: string;
    /** The handshake with the throwaway certificate: what was agreed, or why it failed. */
    handshake?: { ok: true; version: string; cipher: string } | { ok: false; error: string };
  };
  credssp?: {
    /** TSRequest version the client announced (MS-CSSP 2.2.1: 2–6). */
    version?: number;
    /** How the first negoToken was wrapped and which mechanisms it listed. */
    token?: { wrapping: 'ntlm' | 'spnego' | 'other'; mechanisms: string[] };
    error?: string;
  };
  ntlm?: {
    flags: string[];
    /** The NTLM VERSION block: OS major.minor.build and NTLM revision. */
    version?: { major: number; minor: number; build: number; revision: number; name: string };
    /** Domain and workstation names, when the client sent them (redacted unless shown). */
    domain?: string;
    workstation?: string;
    error?: string;
  };
  durationMs: number;
}

/**
 * Makes client-controlled text safe to print in a terminal or show in a page as text, with the one
 * sanitiser used for all peer-sent text ({@link sanitise}), cut to `max` characters.
 */
export function safeText(s: string, max = 200): string {
  return sanitise(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** What a redacted user name looks like: its length only. */
export function redacted(s: string): string {
  return `[redacted, ${s.length} characters]`;
}

/** What the popup shows of a report, read from `unknown` (the helper's evidence); null when unusable. */
export interface ClientOfferView {
  address: string;
  reached: ClientStage;
  endReason: string;
  endMessage: string;
  protocols: string[];
  negotiation: boolean;
  cookie: string | undefined;
  tlsVersions: string[];
  cipherSuites: string[];
  serverName: string | undefined;
  handshake: string | undefined;
  credsspVersion: number | undefined;
  ntlmVersion: string | undefined;
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown, max = 300): string | undefined => (typeof v === 'string' ? safeText(v, max) : undefined);
const strs = (v: unknown, maxItems = 200): string[] =>
  Array.isArray(v) ? v.slice(0, maxItems).flatMap((x) => (typeof x === 'string' ? [safeText(x, 100)] : [])) : [];

export function readClientOffer(raw: unknown): ClientOfferView | null {
  const r = obj(raw);
  if (!r) return null;
  const reached = r.reached;
  if (typeof reached !== 'string' || !(CLIENT_STAGES as readonly string[]).includes(reached)) return null;
  const end = obj(r.end);
  const listener = obj(r.listener);
  const x = obj(r.x224);
  const tls = obj(r.tls);
  const hello = obj(tls?.clientHello);
  const hs = obj(tls?.handshake);
  const credssp = obj(r.credssp);
  const ntlmV = obj(obj(r.ntlm)?.version);
  const cookie = obj(x?.cookie);
  return {
    address: `${str(listener?.address, 64) ?? '?'}:${typeof listener?.port === 'number' ? listener.port : '?'}`,
    reached: reached as ClientStage,
    endReason: str(end?.reason, 40) ?? 'unknown',
    endMessage: str(end?.message) ?? '',
    protocols: strs(x?.protocols, 10),
    negotiation: x?.negotiation === true,
    cookie: cookie ? str(cookie.value, 200) : undefined,
    tlsVersions: strs(hello?.versions, 10),
    cipherSuites: Array.isArray(hello?.cipherSuites)
      ? hello.cipherSuites.slice(0, 200).flatMap((c) => {
          const name = str(obj(c)?.name, 80);
          return name ? [name] : [];
        })
      : [],
    serverName: str(hello?.serverName, 255),
    handshake: hs
      ? hs.ok === true
        ? `${str(hs.version, 20)}, ${str(hs.cipher, 80)}`
        : `failed: ${str(hs.error, 200)}`
      : undefined,
    credsspVersion: typeof credssp?.version === 'number' ? credssp.version : undefined,
    ntlmVersion: ntlmV
      ? `${Number(ntlmV.major)}.${Number(ntlmV.minor)}.${Number(ntlmV.build)} — ${str(ntlmV.name, 120) ?? ''}`
      : undefined,
  };
}
