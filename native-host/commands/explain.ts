/**
 * `rdp-doctor explain [TEXT…|-]`: finds every RDP-related code in the text and explains each event —
 * plain meaning, who must act, likely causes and the fixes to try — offline, from the catalogue.
 */
import { getCause } from '../../shared/catalog/causes.js';
import type { Actor } from '../../shared/catalog/types.js';
import { type DetectionEvent, type ExplainedDetection, explainText } from '../../shared/detect/events.js';
import { getFix } from '../../shared/fixes/library.js';
import type { Command, CommandIO } from './types.js';

const USAGE = `Usage: rdp-doctor explain [options] [TEXT…|-]

Finds Remote Desktop error codes in TEXT (an error dialog, a log, a forum post) and explains each:
what it means, who must act, the likely causes and the fixes to try.

TEXT is taken from the arguments; with "-", or with no arguments while standard input is not a
terminal, it is read from standard input (at most 16 MiB).

Options:
  --json        print {"detections":[…],"events":[…]} instead of text
  --page        treat the text as an unrelated page: require RDP words near a code before counting it
                (the default treats the text as given on purpose, so it is RDP context)

Exit status: 0 something was found, 1 nothing was found, 2 usage error.

Examples:
  rdp-doctor explain "Error code: 0x904  Extended error code: 0x7"
  xfreerdp /v:host 2>&1 | rdp-doctor explain -`;

/** Largest input read from standard input. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Checks `rdp-doctor check HOST` runs against the server from here; the others run on a machine (`rdp-doctor local`). */
const SERVER_PROBES = new Set(['reachability', 'negotiation', 'certificate', 'ntlm-info']);

const ACTOR_WORDS: Record<Actor, string> = {
  user: 'you (the person connecting)',
  admin: 'the administrator of the remote computer or domain',
  server: 'whoever runs the remote server',
  network: 'the network or firewall administrator',
  licensing: 'the Remote Desktop licensing administrator',
  gateway: 'the RD Gateway administrator',
  broker: 'the Azure Virtual Desktop / connection broker administrator',
  client: 'you: the Remote Desktop client on this computer',
  none: 'nobody: this is not a failure',
};

interface ExplainOptions {
  json: boolean;
  page: boolean;
  stdin: boolean;
  words: string[];
}

class UsageError extends Error {}

export function parseExplainArgs(argv: readonly string[]): ExplainOptions {
  const opts: ExplainOptions = { json: false, page: false, stdin: false, words: [] };
  let literal = false;
  for (const a of argv) {
    if (!literal && a === '--') literal = true;
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
  const value = d.hex ?? '(name only)';
  const name = d.name && d.name !== d.hex ? ` ${d.name}` : '';
  const unknown = 'unknown' in d.entry ? ' — not in the catalogue' : '';
  return `${d.namespace} ${value}${name}, read as ${d.form} from "${d.raw}"${unknown}`;
}

export function formatEvents(events: readonly DetectionEvent[], detections: readonly ExplainedDetection[]): string {
  const lines: string[] = [];
  lines.push(`Found ${events.length} ${events.length === 1 ? 'event' : 'events'} in the text.`, '');
  events.forEach((ev, n) => {
    const times = ev.count > 1 ? ` (×${ev.count})` : '';
    lines.push(`${n + 1}. ${ev.title}${times}   [${ev.confidence} confidence]`);
    lines.push(`   Meaning: ${ev.summary}`);
    lines.push(`   Who must act: ${ACTOR_WORDS[ev.actor]}`);
    if (ev.causes.length > 0) {
      lines.push('   Likely causes:');
      for (const c of ev.causes) lines.push(`     - ${causeTitle(c)}`);
    }
    if (ev.fixes.length > 0 && !ev.notAnError) {
      lines.push('   Fixes to try, in order:');
      ev.fixes.forEach((f, i) => {
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

function toJson(detections: readonly ExplainedDetection[], events: readonly DetectionEvent[]): string {
  const out = {
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
    events: events.map((e) => ({ ...e, fixTitles: e.fixes.map(fixTitle) })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'explain Remote Desktop error codes found in text (arguments or standard input)',
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
    if (opts.json) {
      io.stdout.write(toJson(detections, events));
    } else if (events.length === 0) {
      io.stdout.write('No Remote Desktop error code was found in the text.\n');
    } else {
      io.stdout.write(formatEvents(events, detections));
    }
    return detections.length > 0 ? 0 : 1;
  },
};
