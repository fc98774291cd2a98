/**
 * The Azure Virtual Desktop part of a report, for the CLI (`explain` text), tickets (`--markdown`) and
 * machines (`--json`). Pure: no browser or Node APIs.
 */
import type { AvdActivity, AvdQuery, AvdReport } from './index.js';

/** A fenced block whose fence is longer than any backtick run inside it. */
function fenced(lang: string, body: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

/** Escapes text for an inline Markdown position (no HTML, links or emphasis from pasted values). */
const md = (s: string) => s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');

const indent = (s: string, pad: string) =>
  s
    .split('\n')
    .map((l) => `${pad}${l}`)
    .join('\n');

function when(a: AvdActivity): string {
  if (!a.timestamp) return 'no timestamp in the text (the query looks back 30 days)';
  if (a.timestamp.iso) return `${a.timestamp.iso} (UTC)`;
  return `"${a.timestamp.raw}" — ${a.timestamp.note ?? 'not read'}; the query looks back 30 days`;
}

const HOW: Record<AvdActivity['how'], string> = {
  label: 'labelled Activity ID',
  context: 'a GUID next to Remote Desktop words',
  rows: 'from the pasted WVDErrors rows',
};

/** Plain text for the terminal; `fixTitle` names the event's fixes in the owner's order. */
export function avdText(r: AvdReport, fixTitle?: (id: string) => string): string {
  if (r.activities.length === 0) return '';
  const lines: string[] = [
    'Azure Virtual Desktop logs (run in your Log Analytics workspace; nothing is sent anywhere):',
  ];
  r.activities.forEach((a, n) => {
    lines.push('', `  Activity ID ${a.activityId}  (${HOW[a.how]}${a.event !== null ? `, event ${a.event + 1}` : ''})`);
    lines.push(`    Time: ${when(a)}`);
    lines.push(`    Who owns the fix: ${a.owner.sentence}`);
    if (a.supportCase) {
      lines.push('    Support case first:');
      a.supportCase.forEach((s, i) => {
        lines.push(`      ${i + 1}) ${s}`);
      });
    }
    if (fixTitle && a.owner.basis === 'service-error' && a.ranking.fixes.length > 0) {
      lines.push(`    Then, in the owner's order: ${a.ranking.fixes.slice(0, 3).map(fixTitle).join('; ')}`);
    }
    for (const q of [a.correlation, a.scope]) {
      lines.push('', `    ${q.title}:`, indent(q.kql, '      '), '', '    Azure CLI:', `      ${q.azCli}`);
      if (q.portalUrl) lines.push(`    Portal: ${q.portalUrl}`);
    }
    if (n === r.activities.length - 1 && !r.workspaceComplete) {
      lines.push('', '    Replace WORKSPACE-ID with your workspace id, or pass --workspace GUID.');
    }
  });
  if (!r.rows)
    lines.push('', '  Paste the WVDErrors rows of the result back into `rdp-doctor explain` to see who owns the fix.');
  return `${lines.join('\n')}\n`;
}

function mdQuery(q: AvdQuery): string[] {
  const out = [`#### ${q.title}`, '', fenced('kusto', q.kql), '', fenced('bash', q.azCli)];
  if (q.portalUrl) out.push('', `[Open in the Azure portal](${q.portalUrl})`);
  return out;
}

/** A Markdown section for a ticket. */
export function avdMarkdown(r: AvdReport): string {
  if (r.activities.length === 0) return '';
  const out: string[] = ['## Azure Virtual Desktop logs', ''];
  for (const a of r.activities) {
    out.push(
      `### Activity ID \`${a.activityId}\``,
      '',
      `- Time: ${when(a)}`,
      `- Who owns the fix: ${a.owner.sentence}`,
      '',
    );
    if (a.supportCase) {
      out.push('Support case first:', '', ...a.supportCase.map((s, i) => `${i + 1}. ${md(s)}`), '');
    }
    out.push(...mdQuery(a.correlation), '', ...mdQuery(a.scope), '');
  }
  return `${out.join('\n')}\n`;
}

/** The JSON form (`explain --json` field `avd`). */
export function avdJson(r: AvdReport) {
  return {
    workspaceComplete: r.workspaceComplete,
    rows: r.rows ? { format: r.rows.format, count: r.rows.rows.length } : null,
    activities: r.activities.map((a) => ({
      activityId: a.activityId,
      how: a.how,
      timestamp: a.timestamp,
      event: a.event,
      owner: a.owner,
      fixes: a.ranking.fixes,
      supportCase: a.supportCase,
      queries: { correlation: a.correlation, scope: a.scope },
    })),
  };
}
