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
  /** How many fixes to show with full steps and commands (the rest by title). Default 3. */
  detailedFixes?: number;
}

const FENCE: Readonly<Record<string, string>> = {
  powershell: 'powershell',
  cmd: 'bat',
  bash: 'bash',
  'azure-cli': 'bash',
};

/** Escapes text for a Markdown table cell or inline position (no HTML is produced from input). */
function md(s: string): string {
  return s.replace(/[\\`*_[\]<|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A fenced block whose fence is longer than any backtick run inside it. */
function code(lang: string, body: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

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
  out.push(`Generated: ${d.generatedAt}${opts.target ? ` · Target: \`${opts.target.replace(/`/g, '')}\`` : ''}`, '');

  out.push('## Codes found', '');
  if (d.detections.length === 0) out.push('No Remote Desktop error code was found in the text.', '');
  else {
    out.push('| Code | Family | Name | Meaning |', '|---|---|---|---|');
    for (const x of d.detections) {
      out.push(
        `| ${md(x.hex)} | ${md(x.namespace)} | ${md(x.name ?? '—')} | ${md(x.summary)}${x.known ? '' : ' *(not in the catalogue)*'} |`,
      );
    }
    out.push('');
  }

  out.push('## Evidence from checks', '');
  if (d.checks.length === 0) out.push('No checks were run; the ranking uses the codes and text alone.', '');
  else {
    out.push('| Check | Result | Summary |', '|---|---|---|');
    for (const c of d.checks) out.push(`| ${md(c.checkId)} | ${c.status} | ${md(c.summary)} |`);
    out.push('');
  }

  out.push('## Likely causes', '');
  const live = d.causes.filter((c) => !c.ruledOut);
  const ruled = d.causes.filter((c) => c.ruledOut);
  if (live.length === 0) out.push('No cause stands out from the evidence.', '');
  live.forEach((c, i) => {
    out.push(`${i + 1}. **${md(c.title)}** — ${c.level}, ${pct(c.likelihood)}`);
    for (const e of c.evidenceFor) out.push(`   - for: ${md(e)}`);
    for (const e of c.evidenceAgainst) out.push(`   - against: ${md(e)}`);
  });
  if (live.length > 0) out.push('');
  if (ruled.length > 0) {
    out.push('Ruled out:', '');
    for (const c of ruled) out.push(`- ${md(c.title)} — ${md(c.evidenceAgainst[0] ?? '')}`);
    out.push('');
  }

  out.push('## Fixes, best first', '');
  if (d.fixes.length === 0) out.push('No fix can be suggested from this evidence.', '');
  const detailed = opts.detailedFixes ?? 3;
  d.fixes.forEach((f, i) => {
    out.push(`### ${i + 1}. ${md(f.title)}`, '');
    out.push(`*Why:* ${md(f.why)}`, '');
    out.push(`Where: ${f.where} · Risk: ${f.risk} · ${f.reversible ? 'Reversible' : 'Not reversible'}`, '');
    if (i < detailed) {
      f.steps.forEach((s, n) => {
        out.push(`${n + 1}. ${md(s)}`);
      });
      out.push('');
      for (const c of f.commands) {
        const note = c.note ? ` — ${md(c.note.replace(/\.$/, ''))}` : '';
        out.push(`${RUN_ON[c.runOn] ?? c.runOn}, ${c.shell}${note}:`, '', code(FENCE[c.shell] ?? '', c.command), '');
      }
    }
    out.push(`Source: ${md(f.source)}`, '');
  });

  if (d.nextChecks.length > 0) {
    out.push('## Checks that would decide', '');
    for (const n of d.nextChecks) out.push(`- \`${n.checkId}\`: ${md(n.why)}`);
    out.push('');
  }

  if (opts.versions && Object.keys(opts.versions).length > 0) {
    out.push('## Versions', '');
    for (const [k, v] of Object.entries(opts.versions).sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`- ${md(k)}: ${md(v)}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The machine form: top-level `detections`, `causes`, `fixes` (best first, each with `id`, `title`, `why`). */
export function toJson(d: Diagnosis, opts: Pick<ReportOptions, 'target' | 'versions'> = {}): Record<string, unknown> {
  return {
    ...(opts.target ? { target: opts.target } : {}),
    detections: d.detections,
    causes: d.causes,
    fixes: d.fixes,
    nextChecks: d.nextChecks,
    checks: d.checks,
    generatedAt: d.generatedAt,
    ...(opts.versions ? { versions: { ...opts.versions } } : {}),
  };
}
