/**
 * `rdp-events`: recent System-log events that explain RDP failures on this server, read with
 * `wevtutil qe System /q:<XPath> /f:xml` (last 7 days, newest first, at most 100) and summarised
 * by source and id:
 * - Schannel 36870/36872: the TLS server credential's private key cannot be accessed (MachineKeys);
 * - TerminalServices-RemoteConnectionManager 1057/1058: the self-signed RDP certificate could not
 *   be created / the expired one could not be replaced;
 * - Schannel 36871 (credential creation failed), 36874 (no common cipher suite), 36888 (fatal
 *   alert sent, with its TLS alert code); TermDD 56 (protocol stream error).
 * Sources: learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton;
 * learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2012-r2-and-2012/dn786445(v=ws.11) (Schannel events).
 */
import type { CauseId } from '../../shared/catalog/causes.js';
import type { Finding, FindingId, Severity } from '../../shared/protocol/results.js';
import { execProblem, succeeded } from '../exec/exec.js';
import { localCheck } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export const RCM_PROVIDER = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager';
export const LOOKBACK_MS = 7 * 86_400_000;

export const EVENTS_QUERY = `*[System[((Provider[@Name='Schannel'] and (EventID=36870 or EventID=36871 or EventID=36872 or EventID=36874 or EventID=36888)) or (Provider[@Name='${RCM_PROVIDER}'] and (EventID=1057 or EventID=1058)) or (Provider[@Name='TermDD'] and EventID=56)) and TimeCreated[timediff(@SystemTime) <= ${LOOKBACK_MS}]]]`;
export const WEVTUTIL_ARGS = ['qe', 'System', `/q:${EVENTS_QUERY}`, '/c:100', '/rd:true', '/f:xml'];

export interface RdpEvent {
  provider: string;
  id: number;
  time: string;
  data: Record<string, string>;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, '&');
}

/** Parses the `<Event>…</Event>` elements wevtutil prints with /f:xml. */
export function parseEvents(xml: string): RdpEvent[] {
  const events: RdpEvent[] = [];
  for (const m of xml.matchAll(/<Event\b[\s\S]*?<\/Event>/g)) {
    const e = m[0];
    const provider = /<Provider\s+Name=['"]([^'"]+)['"]/.exec(e)?.[1] ?? '';
    const id = Number(/<EventID[^>]*>(\d+)<\/EventID>/.exec(e)?.[1] ?? Number.NaN);
    const time = /<TimeCreated\s+SystemTime=['"]([^'"]+)['"]/.exec(e)?.[1] ?? '';
    const data: Record<string, string> = {};
    let n = 0;
    for (const d of e.matchAll(/<Data(?:\s+Name=['"]([^'"]*)['"])?\s*(?:\/>|>([\s\S]*?)<\/Data>)/g)) {
      data[d[1] ?? `param${++n}`] = unescapeXml(d[2] ?? '').slice(0, 300);
    }
    if (provider && Number.isFinite(id)) events.push({ provider, id, time, data });
  }
  return events;
}

interface Meaning {
  finding: FindingId;
  severity: Severity;
  text: string;
  supports: CauseId[];
}

export function meaningOf(e: RdpEvent): Meaning | undefined {
  if (e.provider === 'Schannel') {
    if (e.id === 36870 || e.id === 36872) {
      return {
        finding: 'schannel-key-errors',
        severity: 'fail',
        text: "Schannel cannot access the TLS certificate's private key",
        supports: ['machinekeys-broken', 'cert-unusable'],
      };
    }
    if (e.id === 36871) {
      return {
        finding: 'schannel-tls-errors',
        severity: 'warn',
        text: 'Schannel could not create a TLS server credential (TLS versions disabled?)',
        supports: ['tls-protocol-mismatch'],
      };
    }
    if (e.id === 36874) {
      return {
        finding: 'schannel-tls-errors',
        severity: 'warn',
        text: 'A client offered no cipher suite this server supports',
        supports: ['tls-protocol-mismatch'],
      };
    }
    if (e.id === 36888) {
      return {
        finding: 'schannel-tls-errors',
        severity: 'info',
        text: 'Schannel sent a fatal TLS alert',
        supports: ['tls-protocol-mismatch'],
      };
    }
  }
  if (e.provider === RCM_PROVIDER && (e.id === 1057 || e.id === 1058)) {
    return {
      finding: 'cert-renewal-failed',
      severity: 'fail',
      text:
        e.id === 1057
          ? 'Remote Desktop could not create a new self-signed certificate'
          : 'Remote Desktop could not replace its expired self-signed certificate',
      supports: e.id === 1058 ? ['cert-expired', 'machinekeys-broken'] : ['machinekeys-broken', 'cert-unusable'],
    };
  }
  if (e.provider === 'TermDD' && e.id === 56) {
    return {
      finding: 'schannel-tls-errors',
      severity: 'info',
      text: 'The RDP security layer saw a protocol error and disconnected a client',
      supports: ['protocol-error', 'tls-protocol-mismatch'],
    };
  }
  return undefined;
}

export const rdpEventsCheck: Check = localCheck({
  id: 'rdp-events',
  title: 'Recent RDP-related events',
  kind: 'server',
  platforms: ['win32'],
  description:
    'Reads the last 7 days of System-log events that explain RDP failures (Schannel 36870/36871/36872/36874/36888, RemoteConnectionManager 1057/1058, TermDD 56) with wevtutil and summarises them by source and id.',
  async run(_input, ctx, { deps, started }) {
    const r = await deps.exec('wevtutil.exe', WEVTUTIL_ARGS, {
      signal: ctx.signal,
      timeoutMs: 30_000,
      maxBytes: 4 * 1024 * 1024,
    });
    if (!succeeded(r)) return skipped(this.id, started, execProblem(r, 'read the System event log'));
    const events = parseEvents(r.stdout);
    const groups = new Map<
      string,
      { provider: string; id: number; count: number; newest: string; oldest: string; sample: Record<string, string> }
    >();
    for (const e of events) {
      const key = `${e.provider}/${e.id}`;
      const g = groups.get(key);
      if (!g)
        groups.set(key, { provider: e.provider, id: e.id, count: 1, newest: e.time, oldest: e.time, sample: e.data });
      else {
        g.count += 1;
        if (e.time > g.newest) g.newest = e.time;
        if (e.time < g.oldest) g.oldest = e.time;
      }
    }
    const findings: Finding[] = [];
    for (const g of groups.values()) {
      const m = meaningOf({ provider: g.provider, id: g.id, time: g.newest, data: g.sample });
      if (!m) continue;
      const detail = Object.entries(g.sample)
        .filter(([k]) => /error|status|alert|code/i.test(k))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const source = g.provider === RCM_PROVIDER ? 'RemoteConnectionManager' : g.provider;
      findings.push(
        finding(
          m.finding,
          m.severity,
          `${source} ${g.id} ×${g.count} (last ${g.newest.slice(0, 19).replace('T', ' ')} UTC): ${m.text}${detail ? ` (${detail})` : ''}.`,
          m.supports,
        ),
      );
    }
    const summary =
      events.length === 0
        ? 'No RDP-related errors in the System log in the last 7 days.'
        : `${events.length} RDP-related event${events.length === 1 ? '' : 's'} in the last 7 days: ${[...groups.values()].map((g) => `${g.provider === RCM_PROVIDER ? 'RCM' : g.provider} ${g.id} ×${g.count}`).join(', ')}.`;
    return result(this.id, started, { summary, evidence: { lookbackDays: 7, events: [...groups.values()] }, findings });
  },
});
