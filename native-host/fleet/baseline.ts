/**
 * "What changed since last time": a scan compared with an earlier scan's JSON Lines. Each target is
 * new, gone, changed (certificate replaced, expiry moved, NLA turned off, a protocol newly offered or
 * withdrawn, TLS version, reachability, grade, policy verdict) or the same.
 */
import type { Posture } from './posture.js';

export interface BaselineRow {
  target: string;
  reachability?: string;
  posture?: Posture;
  grade?: string;
  policy?: { verdict?: string };
  certificate?: { sha1?: string; notAfter?: string };
}

export interface ChangeItem {
  /** Stable id for alerting: cert-replaced, cert-expiry-moved, nla-turned-off, protocol-offered, … */
  id: string;
  text: string;
}

export interface Change {
  kind: 'new' | 'gone' | 'changed' | 'same';
  items: ChangeItem[];
}

/** Reads an earlier scan's JSON Lines into a map by target; lines that are not rows are counted and skipped. */
export function readBaseline(text: string): { rows: Map<string, BaselineRow>; skipped: number } {
  const rows = new Map<string, BaselineRow>();
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      skipped += 1;
      continue;
    }
    const row = v as BaselineRow & { error?: unknown; change?: Change };
    if (typeof row !== 'object' || row === null || typeof row.target !== 'string' || row.error !== undefined) {
      skipped += 1;
      continue;
    }
    // A row that a previous comparison reported as gone is not a server seen then.
    if (row.change?.kind === 'gone') continue;
    rows.set(row.target, row);
  }
  return { rows, skipped };
}

const PROTO_LABEL = { standardRdp: 'standard RDP security', tls: 'TLS without NLA', nla: 'NLA (CredSSP)' } as const;

function day(iso: string | undefined): string {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? (iso ?? 'unknown') : new Date(t).toISOString().slice(0, 10);
}

/** The differences between the same target's earlier and current rows. */
export function compareRows(before: BaselineRow | undefined, now: BaselineRow): Change {
  if (!before) return { kind: 'new', items: [{ id: 'new', text: 'not in the baseline' }] };
  const items: ChangeItem[] = [];
  if (before.reachability !== undefined && now.reachability !== undefined && before.reachability !== now.reachability)
    items.push({ id: 'reachability', text: `reachability ${before.reachability} → ${now.reachability}` });
  const a = before.posture;
  const b = now.posture;
  if (a && b) {
    const ca = a.certificate;
    const cb = b.certificate;
    if (ca && cb && ca.sha256 && cb.sha256 && ca.sha256 !== cb.sha256)
      items.push({
        id: 'cert-replaced',
        text: `certificate replaced (SHA-256 ${ca.sha256.slice(0, 16)}… → ${cb.sha256.slice(0, 16)}…)`,
      });
    if (ca && cb && ca.notAfter !== cb.notAfter)
      items.push({ id: 'cert-expiry-moved', text: `certificate expiry ${day(ca.notAfter)} → ${day(cb.notAfter)}` });
    if (ca && !cb && b.rdp) items.push({ id: 'cert-gone', text: 'no certificate is presented any more' });
    if (!ca && cb) items.push({ id: 'cert-new', text: 'a certificate is presented now' });
    if (a.nlaRequired === true && b.nlaRequired === false)
      items.push({ id: 'nla-turned-off', text: 'NLA is no longer required' });
    if (a.nlaRequired === false && b.nlaRequired === true)
      items.push({ id: 'nla-turned-on', text: 'NLA is now required' });
    for (const k of ['standardRdp', 'tls', 'nla'] as const) {
      const was = a.accepts[k];
      const is = b.accepts[k];
      if (was === false && is === true)
        items.push({ id: 'protocol-offered', text: `${PROTO_LABEL[k]} is now accepted` });
      if (was === true && is === false)
        items.push({ id: 'protocol-withdrawn', text: `${PROTO_LABEL[k]} is no longer accepted` });
    }
    if (a.tlsVersion && b.tlsVersion && a.tlsVersion !== b.tlsVersion)
      items.push({ id: 'tls-version', text: `TLS ${a.tlsVersion} → ${b.tlsVersion}` });
  } else {
    const sa = before.certificate?.sha1;
    const sb = now.certificate?.sha1;
    if (sa && sb && sa !== sb)
      items.push({ id: 'cert-replaced', text: 'certificate replaced (SHA-1 thumbprint differs)' });
    else if (
      before.certificate?.notAfter &&
      now.certificate?.notAfter &&
      before.certificate.notAfter !== now.certificate.notAfter
    )
      items.push({
        id: 'cert-expiry-moved',
        text: `certificate expiry ${day(before.certificate.notAfter)} → ${day(now.certificate.notAfter)}`,
      });
  }
  if (before.grade && now.grade && before.grade !== now.grade)
    items.push({ id: 'grade', text: `grade ${before.grade} → ${now.grade}` });
  const pa = before.policy?.verdict;
  const pb = now.policy?.verdict;
  if (pa && pb && pa !== pb) items.push({ id: 'policy', text: `policy ${pa} → ${pb}` });
  return { kind: items.length ? 'changed' : 'same', items };
}

export const GONE: Change = { kind: 'gone', items: [{ id: 'gone', text: 'in the baseline, not in this scan' }] };
