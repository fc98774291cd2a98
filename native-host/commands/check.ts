/**
 * `rdp-doctor check HOST[:PORT] [--timeout MS] [--json]`: probes one RDP server without credentials
 * (reachability, security negotiation, TLS certificate, server identity and clock) and prints the
 * findings first, then the facts behind them.
 */
import { clientLine } from '../../shared/catalog/client-impact.js';
import { humanSkew, plural } from '../../shared/protocol/duration.js';
import type { CheckResult, Finding } from '../../shared/protocol/results.js';
import { safeBlock, safeText } from '../../shared/protocol/safe-text.js';
import { DEFAULT_TIMEOUT_MS, parseTarget, parseTimeout, type Target } from '../../shared/protocol/target.js';
import { type ProbeReport, runProbe } from '../engines/probe.js';
import {
  defaultFleetCheckOptions,
  type FleetCheckOptions,
  fleetView,
  formatFleetView,
  loadFleetPolicy,
  parseFleetCheckOption,
  runNagiosCheck,
} from './check-fleet.js';
import type { Command, CommandIO } from './types.js';

const USAGE = `Usage: rdp-doctor check HOST[:PORT] [options]

Checks one Remote Desktop server from here, without credentials: whether the port answers, which
security it requires (standard RDP, TLS, NLA), its TLS certificate (expiry, name, self-signed, key
and signature strength, thumbprints), and — where it offers NLA — its computer name, OS version and
clock. HOST is a name or an address; write IPv6 as [addr]:port. The default port is 3389.

Options:
  --timeout MS   time allowed for each network step, in milliseconds (default ${DEFAULT_TIMEOUT_MS}, 50–60000)
  --json         print the whole result as JSON: target, reachability, negotiation, certificate,
                 ntlm, findings, durationMs, posture, grade, policy
  --policy P     judge the server against a policy: a file (docs/policy.md) or a built-in name
                 (cis, stig, recommended); each rule pass, fail or not checked
  --explain-grade  say which rules set the letter grade ("rdp-doctor policy grades" lists them all)
  --nagios       Nagios/Icinga plugin mode: one status line with performance data; exit 0 OK,
                 1 WARNING, 2 CRITICAL, 3 UNKNOWN
  --warning-days N, --critical-days N
                 certificate days-left thresholds for --nagios (default 30 and 7)

Exit status: 0 no finding of severity fail, 3 at least one (or a --policy rule failed), 2 usage
error. With --nagios: the plugin codes above.`;

interface CheckArgs {
  target: Target;
  timeoutMs: number;
  json: boolean;
  /** Fleet options: a policy (built-in name or file), Nagios plugin mode, grade explanation. */
  fleet: FleetCheckOptions;
}

type Parsed = { ok: true; args: CheckArgs } | { ok: false; code: string; message: string };

export function parseCheckArgs(argv: readonly string[]): Parsed {
  let json = false;
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  const fleet = defaultFleetCheckOptions();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const f = parseFleetCheckOption(argv, i, fleet);
    if (f.error) return { ok: false, code: 'usage', message: f.error };
    if (f.used > 0) {
      i += f.used - 1;
      continue;
    }
    if (a === '--json') json = true;
    else if (a === '--timeout' || a.startsWith('--timeout=')) {
      const v = a === '--timeout' ? argv[++i] : a.slice('--timeout='.length);
      if (v === undefined) return { ok: false, code: 'usage', message: '--timeout needs a value in milliseconds' };
      const t = parseTimeout(v);
      if (!t.ok) return { ok: false, code: t.code, message: t.message };
      timeoutMs = t.timeoutMs;
    } else if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a.length > 1) {
      return { ok: false, code: 'usage', message: `unknown option "${a}"` };
    } else positional.push(a);
  }
  if (positional.length !== 1) {
    return {
      ok: false,
      code: 'usage',
      message: positional.length === 0 ? 'give the server to check: HOST[:PORT]' : 'give exactly one server',
    };
  }
  // The person typed this target: link-local and metadata addresses are theirs to check.
  const t = parseTarget(positional[0], undefined, { allowRestricted: true });
  if (!t.ok) return { ok: false, code: t.code, message: t.message };
  return { ok: true, args: { target: t.target, timeoutMs, json, fleet } };
}

const SEV: Record<Finding['severity'], string> = { fail: 'FAIL', warn: 'WARN', info: 'ok  ' };
const STATUS: Record<CheckResult['status'], string> = {
  pass: 'pass',
  warn: 'warn',
  fail: 'FAIL',
  skipped: 'skip',
  error: 'ERROR',
};

/** A value for people: '—' when absent, else passed through the one sanitiser (servers choose most of these). */
function str(v: unknown): string {
  return v === undefined || v === null || v === '' ? '—' : safeText(v);
}

function detailLines(r: ProbeReport): string[] {
  const out: string[] = [];
  const line = (c: CheckResult, title: string) =>
    out.push(
      `${title.padEnd(16)} ${STATUS[c.status].padEnd(5)} ${safeText(c.status === 'skipped' ? (c.reason ?? c.summary) : c.summary)}`,
    );
  line(r.reachability, 'Reachability');
  const addrs = (r.reachability.evidence.addresses ?? []) as { address: string; verdict: string; ms: number }[];
  for (const a of addrs) out.push(`                   ${a.address}: ${a.verdict} (${a.ms} ms)`);
  line(r.negotiation, 'Security');
  const matrix = (r.negotiation.evidence.matrix ?? []) as {
    protocol: string;
    verdict: string;
    selected?: string;
    codeName?: string;
  }[];
  for (const m of matrix) {
    const extra =
      m.verdict === 'downgraded'
        ? ` (asked for ${m.protocol} alone, the server selected ${m.selected})`
        : m.verdict === 'refused'
          ? ` (${m.codeName})`
          : '';
    out.push(`                   ${m.protocol.padEnd(10)} ${m.verdict}${safeText(extra)}`);
  }
  line(r.certificate, 'Certificate');
  out.push(...indented(certificateRows(r)));
  line(r.ntlm, 'Identity, clock');
  if (r.ntlm.status !== 'skipped') out.push(...indented(identityRows(r.ntlm.evidence)));
  return out;
}

/** Key–value rows under a check's line. */
function indented(kv: readonly [string, unknown][]): string[] {
  return kv.map(([k, v]) => `                   ${k.padEnd(10)} ${str(v)}`);
}

/** The certificate's rows: TLS, names, validity, key, signature, thumbprints (none without a certificate). */
function certificateRows(r: ProbeReport): [string, unknown][] {
  const leaf = r.certificate.evidence.leaf as Record<string, unknown> | undefined;
  const tls = r.certificate.evidence.tls as Record<string, unknown> | undefined;
  if (!leaf || !tls) return [];
  const left =
    typeof leaf.daysLeft !== 'number' || !Number.isFinite(leaf.daysLeft)
      ? 'validity unreadable'
      : r.findings.some((f) => f.id === 'cert-not-yet-valid')
        ? `not valid until ${str(leaf.notBefore)}`
        : leaf.daysLeft < 0
          ? 'expired'
          : `${plural(leaf.daysLeft, 'day')} left`;
  return [
    ['TLS', `${str(tls.version)}, ${str(tls.cipher)}`],
    ['Subject', leaf.subject],
    ['Alt names', ((leaf.altNames as string[] | undefined) ?? []).join(', ')],
    ['Issuer', leaf.issuer],
    ['Valid', `${str(leaf.notBefore)} → ${str(leaf.notAfter)} (${left})`],
    ['Key', `${str(leaf.keyType)} ${str(leaf.keyBits)} bits`],
    ['Signature', leaf.signatureAlgorithm],
    ['SHA-1', leaf.sha1Thumbprint],
    ['SHA-256', leaf.sha256],
  ];
}

/** The server's identity and clock as its NTLM challenge gave them. */
function identityRows(e: Record<string, unknown>): [string, unknown][] {
  const skew =
    typeof e.skewMs === 'number' ? ` (${humanSkew(e.skewMs, 'ahead of this computer', 'behind this computer')})` : '';
  return [
    ['Computer', `${str(e.dnsComputerName)} (NetBIOS ${str(e.nbComputerName)})`],
    ['Domain', `${str(e.dnsDomainName)} (NetBIOS ${str(e.nbDomainName)})`],
    ['Version', e.productVersion ? `${str(e.productVersion)} (as the server claims it; not verified)` : undefined],
    [
      'Time',
      e.impossibleTime === undefined ? `${str(e.serverTime)}${skew}` : `${str(e.impossibleTime)} (no clock reading)`,
    ],
  ];
}

export function formatReport(r: ProbeReport): string {
  const worst = r.findings.find((f) => f.severity === 'fail')
    ? 'problems found'
    : r.findings.find((f) => f.severity === 'warn')
      ? 'works, with warnings'
      : 'healthy';
  const lines = [`RDP Doctor check of ${r.target.input}: ${worst} (${r.durationMs} ms)`, '', 'Findings'];
  for (const f of r.findings) {
    lines.push(`  ${SEV[f.severity]}  ${f.id.padEnd(22)} ${safeText(f.summary)}`);
    if (f.clients && f.severity !== 'info')
      lines.push(`  ${''.padEnd(SEV[f.severity].length)}  ${''.padEnd(22)} clients: ${clientLine(f.clients)}`);
  }
  if (r.findings.length === 0) lines.push('  (none)');
  lines.push('', 'Details', ...detailLines(r));
  return safeBlock(`${lines.join('\n')}\n`);
}

export async function runCheckCommand(argv: string[], io: CommandIO, signal: AbortSignal): Promise<number> {
  const p = parseCheckArgs(argv);
  if (!p.ok) {
    if (argv.includes('--nagios')) {
      // A monitoring system reads one line and the plugin code: usage problems are UNKNOWN.
      io.stdout.write(`RDP UNKNOWN - usage: ${p.message}\n`);
      return 3;
    }
    io.stderr.write(`rdp-doctor check: ${p.message} [${p.code}]\n\n${USAGE}\n`);
    return 2;
  }
  const { target, timeoutMs, json, fleet } = p.args;
  if (fleet.nagios) return runNagiosCheck(target, timeoutMs, fleet, io, signal);
  const policy = await loadFleetPolicy(fleet, io);
  if (policy === null) return 2;
  const report = await runProbe(target, { timeoutMs, signal, allowRestricted: true });
  const posture = fleetView(report, policy);
  if (json) io.stdout.write(`${JSON.stringify({ ...report, ...posture }, null, 2)}\n`);
  else io.stdout.write(formatReport(report) + formatFleetView(posture, fleet.explainGrade));
  const failed = report.findings.some((f) => f.severity === 'fail') || posture.policy?.verdict === 'fail';
  return failed ? 3 : 0;
}

export const checkCommand: Command = {
  name: 'check',
  usage: USAGE,
  run: runCheckCommand,
};
