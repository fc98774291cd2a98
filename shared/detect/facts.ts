/**
 * Facts a pasted line states in words — "certificate verification failed: certificate has expired",
 * "getaddrinfo: Name or service not known", "Connection refused" — read as the same typed findings the
 * checks produce (`FindingId`), marked as coming from the text. The diagnosis weighs them like a check's
 * finding of the same id (a code says where it failed; the line says why).
 *
 * One regex of literal phrases (word-separated by `\s+`, nothing else repeated) over a lower-cased copy:
 * linear in the text, constant work per hit. A guess is not a fact: phrases followed by "?" (guacd's
 * "(untrusted/self-signed certificate?)") are skipped.
 */
import type { CheckResult, Finding, FindingId } from '../protocol/results.js';

/** A fact stated by the text. */
export interface TextFact {
  /** The finding it states, in the checks' vocabulary. */
  id: FindingId;
  /** Always `text`: read from what the person pasted, not measured by a check. */
  from: 'text';
  /** UTF-16 offsets `[start, end)` of the phrase in the text. */
  span: [number, number];
  /** The phrase as written (server- or user-controlled text: show it as text, never as HTML). */
  quote: string;
}

/** Phrases (lower-case; a space means "any whitespace") and the finding each one states. */
const PHRASES: readonly (readonly [string, FindingId | 'x509-validity'])[] = [
  // Certificates: OpenSSL / FreeRDP verify messages, Windows (SEC_E_CERT_EXPIRED) text, Go's x509.
  ['certificate has expired or is not yet valid', 'x509-validity'],
  ['certificate has expired', 'cert-expired'],
  ['received certificate has expired', 'cert-expired'],
  ['certificate expired', 'cert-expired'],
  ['certificate is not yet valid', 'cert-not-yet-valid'],
  ['certificate is not valid yet', 'cert-not-yet-valid'],
  ['self-signed certificate', 'cert-self-signed'],
  ['self signed certificate', 'cert-self-signed'],
  ['hostname mismatch', 'cert-name-mismatch'],
  ['does not match the names given in the certificate', 'cert-name-mismatch'],
  ['does not match any of the names given in the certificate', 'cert-name-mismatch'],
  ['server name on the certificate is incorrect', 'cert-name-mismatch'],
  ['certificate name mismatch', 'cert-name-mismatch'],
  // Name resolution.
  ['name or service not known', 'dns-failed'],
  ['no such host is known', 'dns-failed'],
  ['temporary failure in name resolution', 'dns-failed'],
  ['nodename nor servname provided', 'dns-failed'],
  // TCP.
  ['connection refused', 'port-refused'],
  ['econnrefused', 'port-refused'],
  ['target machine actively refused it', 'port-refused'],
  ['connection timed out', 'port-timeout'],
  ['etimedout', 'port-timeout'],
  ['connected party did not properly respond after a period of time', 'port-timeout'],
  ['no route to host', 'host-unreachable'],
  ['ehostunreach', 'host-unreachable'],
  ['network is unreachable', 'host-unreachable'],
  // TLS.
  ['sslv3 alert handshake failure', 'tls-handshake-failed'],
  ['tls handshake failed', 'tls-handshake-failed'],
  ['no protocols available', 'tls-handshake-failed'],
  ['unsupported protocol', 'tls-handshake-failed'],
  // Clocks (Kerberos / CredSSP).
  ['clock skew too great', 'clock-skew'],
  ['krb_ap_err_skew', 'clock-skew'],
  ['time and/or date difference between the client and server', 'clock-skew'],
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byPhrase = new Map(PHRASES.map(([p, id]) => [p, id]));
const FACT_RE = new RegExp(
  `\\b(?:${[...byPhrase.keys()]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRe(p).replace(/ /g, '\\s+'))
    .join('|')})\\b`,
  'g',
);

/** Go's "x509: certificate has expired or is not yet valid: current time X is after Y" says which of the two. */
function x509Validity(lower: string, end: number): FindingId | null {
  const tail = lower.slice(end, end + 120);
  if (/^:?\s*current time \S+ is after/.test(tail)) return 'cert-expired';
  if (/^:?\s*current time \S+ is before/.test(tail)) return 'cert-not-yet-valid';
  return null;
}

/** Every fact the text states, in text order (each id once per phrase occurrence). */
export function textFacts(text: string): TextFact[] {
  const lower = text.toLowerCase();
  const out: TextFact[] = [];
  FACT_RE.lastIndex = 0;
  for (let m = FACT_RE.exec(lower); m !== null; m = FACT_RE.exec(lower)) {
    const start = m.index;
    const end = start + m[0].length;
    // A guess ("(untrusted/self-signed certificate?)") states nothing.
    if (/^\s{0,2}\?/.test(lower.slice(end, end + 3))) continue;
    const kind = byPhrase.get(m[0].replace(/\s+/g, ' '));
    const id = kind === 'x509-validity' ? x509Validity(lower, end) : kind;
    if (!id) continue;
    out.push({ id, from: 'text', span: [start, end], quote: text.slice(start, end) });
  }
  return out;
}

/** The distinct finding ids the text states, first mention first. */
export function textFactIds(text: string): FindingId[] {
  return [...new Set(textFacts(text).map((f) => f.id))];
}

/** The `checkId` under which {@link textFactsResult} reports facts read from the text (not a native-host check). */
export const TEXT_FACTS_CHECK_ID = 'text';

/**
 * The text's facts as typed findings, each marked as read from the text in its summary. Severity `warn`:
 * a line a client printed is strong evidence, but RDP Doctor did not measure it itself. `supports` and
 * `rulesOut` are left empty: the diagnosis reads the effect of each finding id from its own table.
 */
export function textFindings(text: string): Finding[] {
  const seen = new Set<FindingId>();
  const out: Finding[] = [];
  for (const f of textFacts(text)) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    out.push({ id: f.id, severity: 'warn', summary: `The pasted text says "${f.quote}"`, supports: [], rulesOut: [] });
  }
  return out;
}

/**
 * Interface for the diagnosis: the text's facts as one check-shaped result (`checkId: 'text'`), or null when
 * the text states none. Pass it with the real check results (`diagnose({…, checkResults: [...results, r]})`)
 * so that "certificate has expired" in a FreeRDP log makes the expired certificate the leading cause of
 * ERRCONNECT_TLS_CONNECT_FAILED.
 */
export function textFactsResult(text: string): CheckResult | null {
  const findings = textFindings(text);
  if (findings.length === 0) return null;
  return {
    checkId: TEXT_FACTS_CHECK_ID,
    status: 'warn',
    summary: `The pasted text states ${findings.length === 1 ? 'a fact' : `${findings.length} facts`} (read from the text, not checked)`,
    evidence: { facts: textFacts(text) },
    findings,
    durationMs: 0,
  };
}
