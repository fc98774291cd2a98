/**
 * `rdp-doctor explain [TEXT…|-]`: finds every RDP-related code in the text and explains each event —
 * plain meaning, who must act, likely causes and the fixes to try — offline, from the catalogue.
 */

import { type AvdWorkspace, analyzeAvd } from '../../shared/avd/index.js';
import { normalizeWorkspaceId, normalizeWorkspaceResourceId } from '../../shared/avd/kql.js';
import { avdJson, avdMarkdown, avdText } from '../../shared/avd/report.js';
import { ACTOR_WORDS } from '../../shared/catalog/actors.js';
import { getCause } from '../../shared/catalog/causes.js';
import { displayCode, shownCode } from '../../shared/catalog/compact.js';
import { diagnoseText, toJson as diagnosisJson, fixesForEvent, toMarkdown } from '../../shared/diagnose/index.js';
import type { Diagnosis } from '../../shared/diagnose/types.js';
import { type DetectionEvent, type ExplainedDetection, explainText } from '../../shared/explain/events.js';
import { getFix } from '../../shared/fixes/library.js';
import { CLIENT_CHECKS, PROBE_CHECKS } from '../../shared/protocol/checks.js';
import { serverTimeOf } from '../../shared/protocol/evidence.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { forPeople, safeBlock } from '../../shared/protocol/safe-text.js';
import { parseTarget, parseTimeout, type Target } from '../../shared/protocol/target.js';
import { runLocalChecks } from '../engines/local.js';
import { runProbe } from '../engines/probe.js';
import { HOST_VERSION } from '../messaging/version.js';
import type { Command, CommandIO } from './types.js';

const USAGE = `Usage: rdp-doctor explain [options] [TEXT…|-]

Finds Remote Desktop error codes in TEXT (an error dialog, a log, a forum post) and explains each:
what it means, who must act, the likely causes and the fixes to try.

TEXT is taken from the arguments; with "-", or with no arguments while standard input is not a
terminal, it is read from standard input (at most 16 MiB).

Options:
  --host HOST[:PORT]  also check that server (reachability, security negotiation, certificate,
                identity and clock) and this computer (client, CredSSP policy, clock), and rank
                the fixes by what the checks found
  --timeout MS  per-step timeout of the checks (default 3000)
  --markdown    print the whole diagnosis as a Markdown report (for a ticket)
  --json        print {"detections":[…],"events":[…],"causes":[…],"fixes":[…]} instead of text
  --workspace GUID   the Log Analytics workspace id to put into the Azure Virtual Desktop queries'
                Azure CLI commands (for a dialog with an Activity ID)
  --workspace-resource ID   the workspace's Azure resource id, for a portal link to each query
  --page        treat the text as an unrelated page: require RDP words near a code before counting it
                (the default treats the text as given on purpose, so it is RDP context)

Exit status: 0 something was found, 1 nothing was found, 2 usage error, 3 with --host: a check
of the server found a problem of severity fail.

Examples:
  rdp-doctor explain "Error code: 0x904  Extended error code: 0x7"
  rdp-doctor explain "Error code: 0x904  Extended error code: 0x7" --host rdp01.corp.example
  xfreerdp /v:host 2>&1 | rdp-doctor explain -`;

/** Largest input read from standard input. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Checks `rdp-doctor check HOST` runs against the server from here; the others run on a machine (`rdp-doctor local`). */
const SERVER_PROBES: ReadonlySet<string> = new Set(PROBE_CHECKS);

interface ExplainOptions {
  json: boolean;
  markdown: boolean;
  page: boolean;
  stdin: boolean;
  words: string[];
  host?: Target;
  timeoutMs?: number;
  workspace: AvdWorkspace;
}

class UsageError extends Error {}

export function parseExplainArgs(argv: readonly string[]): ExplainOptions {
  const opts: ExplainOptions = { json: false, markdown: false, page: false, stdin: false, words: [], workspace: {} };
  let literal = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!literal && a === '--') literal = true;
    else if (!literal && (a === '--host' || a.startsWith('--host='))) {
      const v = a === '--host' ? argv[++i] : a.slice('--host='.length);
      if (v === undefined) throw new UsageError('--host needs HOST[:PORT]');
      const t = parseTarget(v, undefined, { allowRestricted: true });
      if (!t.ok) throw new UsageError(`--host: ${t.message} (${t.code})`);
      opts.host = t.target;
    } else if (!literal && (a === '--timeout' || a.startsWith('--timeout='))) {
      const t = parseTimeout(a === '--timeout' ? argv[++i] : a.slice('--timeout='.length));
      if (!t.ok) throw new UsageError(`--timeout: ${t.message}`);
      opts.timeoutMs = t.timeoutMs;
    } else if (!literal && (a === '--workspace' || a.startsWith('--workspace='))) {
      const v = a === '--workspace' ? argv[++i] : a.slice('--workspace='.length);
      const id = v === undefined ? null : normalizeWorkspaceId(v);
      if (!id) throw new UsageError('--workspace needs the Log Analytics workspace id (a GUID)');
      opts.workspace.workspaceId = id;
    } else if (!literal && (a === '--workspace-resource' || a.startsWith('--workspace-resource='))) {
      const v = a === '--workspace-resource' ? argv[++i] : a.slice('--workspace-resource='.length);
      const rid = v === undefined ? null : normalizeWorkspaceResourceId(v);
      if (!rid) {
        throw new UsageError(
          '--workspace-resource needs /subscriptions/GUID/resourceGroups/NAME/providers/Microsoft.OperationalInsights/workspaces/NAME',
        );
      }
      opts.workspace.workspaceResourceId = rid;
    } else if (!literal && a === '--markdown') opts.markdown = true;
    else if (!literal && a === '--json') opts.json = true;
    else if (!literal && a === '--page') opts.page = true;
    else if (!literal && a === '-') opts.stdin = true;
    else if (!literal && a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      throw new UsageError(`unknown option "${a}"`);
    } else opts.words.push(a);
  }
  if (opts.stdin && opts.words.length > 0)
    throw new UsageError('give the text either as arguments or as "-", not both');
  return opts;
}

async function readAll(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    if (signal.aborted) throw new Error('interrupted');
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_INPUT_BYTES) throw new UsageError(`input is larger than ${MAX_INPUT_BYTES} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function fixTitle(id: string): string {
  return getFix(id)?.title ?? id;
}

function causeTitle(id: string): string {
  return getCause(id)?.title ?? id;
}

function technical(d: ExplainedDetection): string {
  const value = shownCode(d) ?? displayCode(d.namespace, d.code) ?? '(name only)';
  const name = d.name && d.name !== value ? ` ${d.name}` : '';
  const unknown = 'unknown' in d.entry ? ' — not in the catalogue' : '';
  return `${d.namespace} ${value}${name}, read as ${d.form} from "${d.raw}"${unknown}`;
}

export function formatEvents(
  events: readonly DetectionEvent[],
  detections: readonly ExplainedDetection[],
  diagnosis?: Diagnosis,
): string {
  const lines: string[] = [];
  lines.push(`Found ${events.length} ${events.length === 1 ? 'event' : 'events'} in the text.`, '');
  events.forEach((ev, n) => {
    const times = ev.count > 1 ? ` (×${ev.count})` : '';
    lines.push(`${n + 1}. ${ev.title}${times}   [${ev.confidence} confidence]`);
    lines.push(`   Meaning: ${ev.summary}`);
    lines.push(`   Who must act: ${ACTOR_WORDS[ev.actor]}`);
    if (ev.activityId) {
      const when = ev.timestamp ? `, time ${ev.timestamp.iso ?? ev.timestamp.raw}` : '';
      lines.push(`   Activity ID: ${ev.activityId}${when} (the service's CorrelationId: queries below)`);
    }
    if (ev.causes.length > 0) {
      lines.push('   Likely causes:');
      for (const c of ev.causes) lines.push(`     - ${causeTitle(c)}`);
    }
    // The same order as the overall list: one ranking, filtered to this event.
    const ranked = diagnosis ? fixesForEvent(diagnosis, ev).map((f) => f.id) : ev.fixes;
    if (ranked.length > 0 && !ev.notAnError) {
      lines.push('   Fixes to try, in order:');
      ranked.slice(0, 5).forEach((f, i) => {
        lines.push(`     ${i + 1}. ${fixTitle(f)}  [${f}]`);
      });
    }
    if (ev.checks.length > 0) {
      const probes = ev.checks.filter((c) => SERVER_PROBES.has(c));
      const local = ev.checks.filter((c) => !SERVER_PROBES.has(c));
      lines.push('   To confirm or rule out the causes:');
      if (probes.length > 0) lines.push(`     rdp-doctor check HOST      (${probes.join(', ')})`);
      if (local.length > 0)
        lines.push(`     rdp-doctor local           (${local.join(', ')}; on the machine concerned)`);
    }
    lines.push('   Technical details:');
    for (const i of ev.detections) {
      const d = detections[i];
      if (d) lines.push(`     ${technical(d)}`);
    }
    lines.push('');
  });
  return lines.join('\n');
}

function toJson(
  detections: readonly ExplainedDetection[],
  events: readonly DetectionEvent[],
  diagnosis: Diagnosis,
  target: string | undefined,
  avd?: ReturnType<typeof avdJson>,
): string {
  const d = diagnosisJson(diagnosis, { ...(target ? { target } : {}), versions: { 'rdp-doctor': HOST_VERSION } });
  const out = {
    ...(target ? { target } : {}),
    detections: detections.map((d) => ({
      namespace: d.namespace,
      code: d.code,
      hex: d.hex,
      name: d.name,
      summary: d.summary,
      confidence: d.confidence,
      actor: d.entry.actor,
      causes: d.entry.causes,
      fixes: d.entry.fixes,
      checks: d.entry.checks,
      source: d.entry.source,
      unknown: 'unknown' in d.entry,
      form: d.form,
      span: d.span,
      raw: d.raw,
      ...(d.label !== undefined ? { label: d.label } : {}),
      ...(d.pairedWith !== undefined ? { pairedWith: d.pairedWith } : {}),
    })),
    // Each event's fixes are the overall ranking filtered to that event: one order, never a second one.
    events: events.map((e) => {
      const fixes = fixesForEvent(diagnosis, e).map((f) => f.id);
      return { ...e, fixes, fixTitles: fixes.map(fixTitle) };
    }),
    causes: d.causes,
    fixes: d.fixes,
    nextChecks: d.nextChecks,
    checks: d.checks,
    versions: d.versions,
    ...(avd ? { avd } : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

export const explainCommand: Command = {
  name: 'explain',
  usage: USAGE,
  async run(argv: string[], io: CommandIO, signal: AbortSignal): Promise<number> {
    let opts: ExplainOptions;
    let text: string;
    try {
      opts = parseExplainArgs(argv);
      if (opts.stdin || (opts.words.length === 0 && io.stdin.isTTY !== true)) {
        text = await readAll(io.stdin, signal);
      } else if (opts.words.length === 0) {
        throw new UsageError('give the text to explain as arguments, or "-" to read standard input');
      } else {
        text = opts.words.join(' ');
      }
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr.write(`rdp-doctor explain: ${err.message}\n\n${USAGE}\n`);
        return 2;
      }
      throw err;
    }
    const { detections, events } = explainText(text, { assumeRdp: !opts.page });
    const avd = analyzeAvd(text, { detections, events }, opts.workspace, (id) => getFix(id)?.where);
    const measured = opts.host
      ? await runHostChecks(opts.host, opts.timeoutMs, io, signal, !opts.json && !opts.markdown)
      : [];
    // JSON keeps what servers sent exactly; the formats for people see it through the one sanitiser.
    const checks = opts.json ? measured : measured.map(forPeople);
    // With --host the checks ran on this computer as the client: its platform is part of the case.
    const diagnosis = diagnoseText(text, checks, {
      now: new Date(),
      assumeRdp: !opts.page,
      ...(opts.host ? { clientPlatform: process.platform } : {}),
    });
    const target = opts.host?.display;
    if (opts.json) {
      io.stdout.write(toJson(detections, events, diagnosis, target, avdJson(avd)));
    } else if (opts.markdown) {
      io.stdout.write(
        safeBlock(toMarkdown(diagnosis, { ...(target ? { target } : {}), versions: { 'rdp-doctor': HOST_VERSION } })),
      );
      if (avd.activities.length > 0) io.stdout.write(safeBlock(`\n${avdMarkdown(avd)}`));
    } else {
      if (opts.host) io.stdout.write(safeBlock(`Verdict: ${diagnosis.verdict.text}\n\n`));
      io.stdout.write(
        safeBlock(
          events.length === 0
            ? 'No Remote Desktop error code was found in the text.\n'
            : formatEvents(events, detections, diagnosis),
        ),
      );
      if (opts.host || events.length > 0) io.stdout.write(safeBlock(formatRanking(diagnosis, target)));
    }
    if (measured.some((c) => c.findings.some((f) => f.severity === 'fail'))) return 3;
    if (!opts.json && !opts.markdown && avd.activities.length > 0)
      io.stdout.write(safeBlock(`\n${avdText(avd, fixTitle)}`));
    return detections.length > 0 || avd.activities.length > 0 ? 0 : 1;
  },
};

/** Runs the probe against the server and this computer's client-side checks; progress goes to stderr on a terminal. */
export async function runHostChecks(
  target: Target,
  timeoutMs: number | undefined,
  io: CommandIO,
  signal: AbortSignal,
  progress: boolean,
): Promise<CheckResult[]> {
  const tty = progress && (io.stderr as { isTTY?: boolean }).isTTY === true;
  const onResult = (r: CheckResult) => {
    if (tty) io.stderr.write(`  checked ${r.checkId}: ${r.status}\n`);
  };
  if (tty) io.stderr.write(`Checking ${target.display}…\n`);
  const probe = await runProbe(target, {
    ...(timeoutMs ? { timeoutMs } : {}),
    signal,
    onResult,
    allowRestricted: true,
  });
  const serverTime = serverTimeOf(probe.ntlm);
  const local = await runLocalChecks({
    host: target.host,
    port: target.port,
    signal,
    ...(timeoutMs ? { timeoutMs } : {}),
    onResult,
    only: CLIENT_CHECKS,
    ...(serverTime ? { facts: { serverTime } } : {}),
  });
  return [probe.reachability, probe.negotiation, probe.certificate, probe.ntlm, ...local];
}

const STATE_MARK: Record<string, string> = {
  confirmed: 'CONFIRMED',
  consistent: 'consistent',
  'not-checked': 'not checked',
  'ruled-out': 'ruled out',
};

/** The ranked diagnosis: the verdict, what the evidence says of each cause, then the fixes in order with why. */
export function formatRanking(d: Diagnosis, target: string | undefined): string {
  const lines: string[] = [];
  lines.push(
    target
      ? `Diagnosis with the checks of ${target}:`
      : 'Ranked from the text alone (add --host HOST to check the server):',
  );
  lines.push(`  Verdict: ${d.verdict.text}`);
  const problems = [...d.checks.filter((c) => c.status === 'fail'), ...d.checks.filter((c) => c.status === 'warn')];
  for (const c of problems) lines.push(`  ${c.status.toUpperCase().padEnd(4)} ${c.checkId}: ${c.summary}`);
  if (d.causes.length > 0) lines.push('', 'Causes:');
  for (const c of d.causes.slice(0, 8)) {
    // The share is the cause's weight among the live causes (from the codes, then the checks), as the report says it.
    const share =
      c.state === 'consistent' || c.state === 'not-checked'
        ? ` (${Math.round(c.likelihood * 100)}% of the live causes)`
        : '';
    lines.push(`  ${STATE_MARK[c.state] ?? c.state}${share}: ${c.title}`);
    if (c.ruledOut && c.evidenceAgainst[0]) lines.push(`      because: ${c.evidenceAgainst[0]}`);
    else if (c.state !== 'not-checked' && c.basis[0]) lines.push(`      evidence: ${c.basis[0]}`);
  }
  lines.push(
    '',
    d.fixes.length > 0
      ? 'Fixes, most likely first:'
      : 'No fix can be suggested from this evidence yet: start from what each code above says and where it points to look.',
  );
  d.fixes.slice(0, 5).forEach((f, i) => {
    lines.push(`  ${i + 1}. ${f.title}  [${f.id}]`, `     why: ${f.why}`, `     where: ${f.where}, risk ${f.risk}`);
    if (i === 0) {
      f.steps.forEach((step, n) => {
        lines.push(`     ${n + 1}) ${step}`);
      });
      for (const c of f.commands) lines.push(`     $ ${c.command.split('\n').join('\n       ')}`);
    }
  });
  if (d.otherFixes.length > 0) {
    lines.push('', 'Only in other situations:');
    for (const f of d.otherFixes) lines.push(`  - ${f.title}  [${f.id}]: ${f.why}`);
  }
  if (!target && d.nextChecks.length > 0) {
    lines.push('', 'Checks that would decide:');
    for (const n of d.nextChecks.slice(0, 3)) lines.push(`  ${n.checkId}: ${n.why}`);
  }
  lines.push('', 'Full report with every command: add --markdown.');
  return `${lines.join('\n')}\n`;
}
