/**
 * The diagnosis as a Markdown report for a ticket, and as JSON for machines (`--json`).
 */
import type { Diagnosis } from './types.js';

/** Versions shown at the end of the report (e.g. `{ 'rdp-doctor': '0.1.0', helper: '0.1.0' }`). */
export type Versions = Readonly<Record<string, string>>;

export interface ReportOptions {
  /** The target the checks ran against, e.g. `rdp.example.com:3389`. */
  target?: string;
  versions?: Versions;
  /** How many fixes to show with full steps and commands (the rest by title). Default: all of them. */
  detailedFixes?: number;
}

const FENCE: Readonly<Record<string, string>> = {
  powershell: 'powershell',
  cmd: 'bat',
  bash: 'bash',
  'azure-cli': 'bash',
};

const MD_SPECIAL = new Set(['\\', '`', '*', '_', '[', ']', '<', '|']);

/** Escapes text for a Markdown table cell or inline position (no HTML is produced from input). */
function md(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\r') continue;
    out += c === '\n' ? ' ' : MD_SPECIAL.has(c) ? `\\${c}` : c;
  }
  return out;
}

/** Longest run of backticks in `body`. */
function longestBacktickRun(body: string): number {
  let longest = 0;
  let run = 0;
  for (const c of body) {
    run = c === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** A fenced block whose fence is longer than any backtick run inside it. */
function code(lang: string, body: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

const STATE_MD: Readonly<Record<string, string>> = {
  confirmed: 'confirmed',
  consistent: 'consistent with the evidence',
  'not-checked': 'not checked',
  'ruled-out': 'ruled out',
};

/** Words first; a share only where it means something (causes not confirmed, not ruled out). */
function causeState(c: Diagnosis['causes'][number]): string {
  const words = STATE_MD[c.state] ?? c.state;
  return c.state === 'consistent' || c.state === 'not-checked'
    ? `${words} (${pct(c.likelihood)} of the live causes)`
    : words;
}

const RUN_ON: Readonly<Record<string, string>> = {
  client: 'On the client',
  server: 'On the RDP server',
  'domain-controller': 'On a domain controller (or with RSAT)',
  'admin-workstation': 'On an admin workstation',
  'cloud-shell': 'In Azure Cloud Shell (or any shell with the Azure CLI)',
  gateway: 'On the RD Gateway',
  'session-host': 'On the session host',
};

export function toMarkdown(d: Diagnosis, opts: ReportOptions = {}): string {
  const out: string[] = ['# RDP Doctor diagnosis', ''];
  out.push(`**Verdict:** ${md(d.verdict.text)}`, '');
  out.push(
    `Generated: ${d.generatedAt}${opts.target ? ` · Target: \`${[...opts.target].filter((c) => c !== '`').join('')}\`` : ''}`,
    '',
  );
  out.push(...codesSection(d), ...checksSection(d), ...causesSection(d), ...fixesSection(d, opts));
  out.push(...nextChecksSection(d), ...versionsSection(opts.versions));
  return `${out.join('\n').trimEnd()}\n`;
}

function codesSection(d: Diagnosis): string[] {
  const out = ['## Codes found', ''];
  if (d.detections.length === 0) return [...out, 'No Remote Desktop error code was found in the text.', ''];
  out.push('| Code | Family | Name | Meaning |', '|---|---|---|---|');
  for (const x of d.detections) {
    out.push(
      `| ${md(x.hex)} | ${md(x.namespace)} | ${md(x.name ?? '—')} | ${md(x.summary)}${x.known ? '' : ' *(not in the catalogue)*'} |`,
    );
  }
  return [...out, ''];
}

function checksSection(d: Diagnosis): string[] {
  const out = ['## Evidence from checks', ''];
  if (d.checks.length === 0) return [...out, 'No checks were run; the ranking uses the codes and text alone.', ''];
  out.push('| Check | Result | Summary |', '|---|---|---|');
  for (const c of d.checks) out.push(`| ${md(c.checkId)} | ${c.status} | ${md(c.summary)} |`);
  return [...out, ''];
}

function causesSection(d: Diagnosis): string[] {
  const out = ['## Likely causes', ''];
  const live = d.causes.filter((c) => !c.ruledOut);
  const ruled = d.causes.filter((c) => c.ruledOut);
  if (live.length === 0) out.push('No cause stands out from the evidence.', '');
  live.forEach((c, i) => {
    out.push(`${i + 1}. **${md(c.title)}** — ${causeState(c)}`);
    for (const e of c.evidenceFor) out.push(`   - for: ${md(e)}`);
    for (const e of c.evidenceAgainst) out.push(`   - against: ${md(e)}`);
  });
  if (live.length > 0) out.push('');
  if (ruled.length > 0) {
    out.push('Ruled out:', '');
    for (const c of ruled) out.push(`- ${md(c.title)} — ${md(c.evidenceAgainst[0] ?? '')}`);
    out.push('');
  }
  return out;
}

function fixesSection(d: Diagnosis, opts: ReportOptions): string[] {
  const out = ['## Fixes, best first', ''];
  if (d.fixes.length === 0) out.push('No fix can be suggested from this evidence.', '');
  const detailed = opts.detailedFixes ?? Number.POSITIVE_INFINITY;
  d.fixes.forEach((f, i) => {
    out.push(...fixBlock(f, `${i + 1}. ${md(f.title)}`, i < detailed));
  });
  if (d.otherFixes.length > 0) {
    out.push('## Fixes for other situations', '', 'These fit only a context nothing in this case shows.', '');
    for (const f of d.otherFixes) out.push(...fixBlock(f, md(f.title), true));
  }
  return out;
}

/** One fix under its heading: why, where and risk; with `full`, its steps and commands too. */
function fixBlock(f: Diagnosis['fixes'][number], heading: string, full: boolean): string[] {
  const out = [`### ${heading}`, '', `*Why:* ${md(f.why)}`, ''];
  out.push(`Where: ${f.where} · Risk: ${f.risk} · ${f.reversible ? 'Reversible' : 'Not reversible'}`, '');
  if (full) {
    f.steps.forEach((s, n) => {
      out.push(`${n + 1}. ${md(s)}`);
    });
    out.push('');
    for (const c of f.commands) {
      const note = c.note ? ` — ${md(c.note)}` : '';
      out.push(`${RUN_ON[c.runOn] ?? c.runOn}, ${c.shell}${note}:`, '', code(FENCE[c.shell] ?? '', c.command), '');
    }
  }
  out.push(`Source: ${md(f.source)}`, '');
  return out;
}

function nextChecksSection(d: Diagnosis): string[] {
  if (d.nextChecks.length === 0) return [];
  return ['## Checks that would decide', '', ...d.nextChecks.map((n) => `- \`${n.checkId}\`: ${md(n.why)}`), ''];
}

function versionsSection(versions: Versions | undefined): string[] {
  if (!versions || Object.keys(versions).length === 0) return [];
  const rows = Object.entries(versions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `- ${md(k)}: ${md(v)}`);
  return ['## Versions', '', ...rows, ''];
}

/** The machine form: top-level `detections`, `causes`, `fixes` (best first, each with `id`, `title`, `why`). */
export function toJson(d: Diagnosis, opts: Pick<ReportOptions, 'target' | 'versions'> = {}): Record<string, unknown> {
  return {
    ...(opts.target ? { target: opts.target } : {}),
    verdict: d.verdict,
    detections: d.detections,
    causes: d.causes,
    fixes: d.fixes,
    otherFixes: d.otherFixes,
    nextChecks: d.nextChecks,
    checks: d.checks,
    generatedAt: d.generatedAt,
    ...(opts.versions ? { versions: { ...opts.versions } } : {}),
  };
}
