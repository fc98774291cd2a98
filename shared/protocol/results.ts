/**
 * Results of checks, as produced by the native host and the CLI and consumed by the diagnosis
 * and the extension. Pure types: no browser or Node APIs.
 */

/** Outcome of one check. `error` is reserved for bugs and bad input; a closed port is a `fail`, not an `error`. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped' | 'error';

export type Severity = 'info' | 'warn' | 'fail';

/**
 * Stable finding ids. Append-only.
 * Probe (network) findings come first; local-check findings follow.
 */
export const FINDING_IDS = [
  // reachability
  'dns-failed',
  'port-refused',
  'port-timeout',
  'host-unreachable',
  'not-rdp',
  'connection-closed',
  'connection-reset',
  // negotiation
  'unknown-failure-code',
  'unknown-protocol-selected',
  'tls-required',
  'nla-required',
  'nla-not-offered',
  'standard-rdp-only',
  'standard-rdp-offered',
  'ssl-cert-not-on-server',
  'tls-handshake-failed',
  'tls-old-version',
  // certificate
  'cert-expired',
  'cert-expiring-soon',
  'cert-not-yet-valid',
  'cert-self-signed',
  'cert-name-mismatch',
  'cert-weak-key',
  'cert-weak-signature',
  'cert-valid',
  'cert-dates-unreadable',
  // identity / clock
  'clock-skew',
  'ntlm-time-invalid',
  // a check that ended without a verdict of its own (the server's state there is unknown)
  'check-incomplete',
  // local checks (client and server side)
  'client-outdated',
  'client-not-found',
  'credssp-force-updated',
  'credssp-vulnerable-allowed',
  'credential-delegation-restricted',
  'local-clock-unsynced',
  'proxy-configured',
  'security-product-present',
  'rdp-cert-store-expired',
  'rdp-cert-hash-mismatch',
  'termservice-stopped',
  'rdp-disabled',
  'nla-disabled-on-server',
  'security-layer-rdp',
  'security-layer-tls',
  'fips-encryption-required',
  'machinekeys-acl-broken',
  'machinekeys-key-missing',
  'firewall-blocks-rdp',
  'port-not-listening',
  'schannel-key-errors',
  'cert-renewal-failed',
  'credssp-mitigated',
  'rdp-support-service-stopped',
  'rdp-cert-no-private-key',
  // local checks: evidence that rules causes out
  'client-up-to-date',
  'clock-in-sync',
  'termservice-running',
  'rdp-port-listening',
  'machinekeys-ok',
  'rdp-cert-store-valid',
  'rdp-enabled',
  // probe: evidence that rules causes out
  'port-open',
  'server-clock-in-sync',
  // local server checks (distinct from the probe's ids, which imply the server answered on the wire)
  'nla-required-on-server',
  'rdp-cert-store-empty',
  'rdp-cert-store-expiring-soon',
  'rdp-cert-store-not-yet-valid',
  'schannel-tls-errors',
  // certificate: extensions that forbid server authentication
  'cert-not-for-server-auth',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

/** An RDP client whose behaviour the product documents: mstsc, Windows App (Windows), the macOS app, FreeRDP. */
export type RdpClient = 'mstsc' | 'windows-app' | 'macos-app' | 'freerdp';

/** How one client reacts to a finding, and where that behaviour is documented. */
export interface ClientImpact {
  client: RdpClient;
  /** `not-documented`: no source says; the product does not guess. */
  effect: 'refuses' | 'warns' | 'connects' | 'not-documented';
  /** One sentence: what the person sees, and the setting that changes it. */
  detail: string;
  /** Where this is documented (URL and what it says), or "tested here …", or "none found". */
  source: string;
}

export interface Finding {
  /** Stable id from {@link FINDING_IDS}. */
  id: FindingId;
  severity: Severity;
  /** One line a person reads, with the concrete facts (e.g. "Certificate expired 41 days ago (CN=…, thumbprint …)"). */
  summary: string;
  /** Cause ids (catalog/causes.ts) this finding makes more likely. */
  supports: string[];
  /** Cause ids this finding rules out. */
  rulesOut: string[];
  /** For certificate and protocol findings: the clients affected and the source for each. */
  clients?: ClientImpact[];
}

/** Result of one check. */
export interface CheckResult {
  /** Id of the check that produced it, e.g. `reachability`, `negotiation`, `certificate`, `credssp-policy`. */
  checkId: string;
  status: CheckStatus;
  /** One line for people. */
  summary: string;
  /** Why the check was skipped or errored (required for `skipped` and `error`). */
  reason?: string;
  /** Raw facts for the "technical details" view; JSON-serialisable. */
  evidence: Record<string, unknown>;
  findings: Finding[];
  /** Wall time in milliseconds. */
  durationMs: number;
}

// --- Typed evidence ---------------------------------------------------------------------------------
// Each network check declares the shape of its evidence; `readEvidence` (./evidence.ts) validates a
// result's evidence (it crossed a process boundary as JSON) into this union, keyed by check id.

/** One address tried by `reachability`. */
export interface AddressVerdictEvidence {
  address: string;
  family: 4 | 6;
  verdict: 'open' | 'refused' | 'reset' | 'timeout' | 'unreachable' | 'aborted' | 'error';
  /** System error code for failures (ECONNREFUSED, EHOSTUNREACH, …). */
  code?: string;
  ms: number;
}

export interface ReachabilityEvidence {
  host: string;
  port: number;
  dns: { ok: boolean; ms: number; code?: string; message?: string };
  addresses: AddressVerdictEvidence[];
  /** First open address in resolver order: the one the later checks use. */
  openAddress?: string;
}

/** What the server did when offered one security protocol. */
export type NegotiationVerdict =
  | 'accepted'
  | 'downgraded'
  | 'refused'
  | 'legacy'
  | 'disconnected'
  | 'no-answer'
  | 'not-rdp'
  | 'connect-failed';

export interface NegotiationAttemptEvidence {
  protocol: string;
  verdict: NegotiationVerdict;
  /** Failure code name for `refused` (e.g. `HYBRID_REQUIRED_BY_SERVER`). */
  codeName?: string;
  /** Protocol the server chose for `downgraded`. */
  selected?: string;
}

export interface NegotiationEvidence {
  host: string;
  port: number;
  matrix: NegotiationAttemptEvidence[];
  /** What the server requires: `rdp` (standard RDP only), `tls`, `nla`, `any`, …, when it answered. */
  requirement?: string;
  isRdp?: boolean;
}

export interface CertificateLeafEvidence {
  subject?: string;
  commonName?: string;
  issuer?: string;
  notBefore?: string;
  notAfter?: string;
  /** Whole days until `notAfter` (negative once expired). */
  daysLeft?: number;
  selfSigned?: boolean;
  nameMatches?: boolean;
  keyType?: string;
  keyBits?: number;
  signatureHash?: string;
  sha1Thumbprint?: string;
}

export interface CertificateEvidence {
  host: string;
  port: number;
  typedName?: string;
  selectedProtocol?: string;
  tls?: { version?: string; trusted?: boolean; authorizationError?: string };
  leaf?: CertificateLeafEvidence;
}

export interface NtlmInfoEvidence {
  host: string;
  port: number;
  dnsComputerName?: string;
  nbComputerName?: string;
  productVersion?: string;
  /** ISO time of the server's clock from its NTLM challenge. */
  serverTime?: string;
  /** Server clock minus this computer's, in milliseconds. */
  skewMs?: number;
}

/** Evidence of each check, keyed by check id. Local checks carry facts as findings; their evidence is free-form. */
export interface EvidenceByCheck {
  reachability: ReachabilityEvidence;
  negotiation: NegotiationEvidence;
  certificate: CertificateEvidence;
  'ntlm-info': NtlmInfoEvidence;
}

/** A check result whose evidence has been read into its check's type. */
export type TypedEvidence = {
  [K in keyof EvidenceByCheck]: { checkId: K; evidence: EvidenceByCheck[K] };
}[keyof EvidenceByCheck];
