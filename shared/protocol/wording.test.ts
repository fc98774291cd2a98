// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are samples of source code (template literals) the conventions read.
/**
 * Wording conventions for text people read (catalogue, fix library, diagnosis, CLI formatters, checks,
 * popup, in-page card, options): numbers agree with their unit, event ids are decimal, durations use
 * the one human form, and a symbolic name never heads a line people read. Scans the product's sources
 * (and, for headings, what the diagnosis says of every catalogue code), so a new string that breaks a
 * convention fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_ENTRIES } from '../catalog/families.js';
import { displayCode } from '../catalog/index.js';
import { diagnoseText } from '../diagnose/index.js';
import { explainText } from '../explain/events.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIRS = [
  'shared/catalog',
  'shared/fixes',
  'shared/diagnose',
  'shared/explain',
  'shared/avd',
  'shared/protocol',
  'native-host/commands',
  'native-host/checks',
  'native-host/probe',
  'native-host/scan',
  'native-host/fleet',
  'native-host/exec',
  'native-host/engines',
  'extension/popup',
  'extension/content',
  'extension/options',
  'extension/background',
];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(ROOT, dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(relative(ROOT, p)));
    else if (/\.(tsx?|html)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

const UNITS = 'second|minute|hour|day|week|month|year';

/** Rules: a pattern that must not occur in a product source, and what to do instead. */
const RULES: [string, RegExp][] = [
  ['"1 <unit>s": the unit must agree with the number', new RegExp(`\\b1 (${UNITS})s\\b`)],
  [
    '"${n} days": a number from a variable needs plural(n, unit) so 1 reads "1 day"',
    new RegExp(`\\$\\{[^{}]+\\} (${UNITS.replace(/\|/g, 's|')}s)\\b`),
  ],
  ['event ids are decimal for people ("Event ID 36870"), never hex', /\bevent(?: id)?\s*[:#]?\s*0x[0-9a-f]+/i],
  ['durations go through humanDuration, never fractional hours', /toFixed\(\d\)\}\s*h\b/],
  [
    '"2 day(s)": say plural(n, unit), never a "(s)" that leaves the agreement to the reader',
    new RegExp(`\\b(${UNITS})\\(s\\)`),
  ],
];

describe('wording conventions', () => {
  const files = DIRS.flatMap(sources);
  it('finds the product sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });
  it.each(RULES)('%s', (_rule, re) => {
    const hits: string[] = [];
    for (const f of files) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (re.test(line)) hits.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });
  it('the rules catch what they are meant to', () => {
    const [agree, templ, event, hours] = RULES.map((r) => r[1]);
    expect(agree!.test('retry in 1 seconds')).toBe(true);
    expect(agree!.test('retry in 1 second')).toBe(false);
    expect(templ!.test('expires in ${days} days')).toBe(true);
    expect(templ!.test("expires in ${plural(days, 'day')}")).toBe(false);
    expect(event!.test('Event ID 0x9006')).toBe(true);
    expect(event!.test('Event ID 36870')).toBe(false);
    expect(hours!.test('${(s / 3600).toFixed(1)} h')).toBe(true);
    const dodge = RULES.find(([, re]) => re.test('in 3 day(s)'))?.[1];
    expect(dodge?.test('within ${n} second(s)')).toBe(true);
    expect(dodge?.test("within ${plural(n, 'second')}")).toBe(false);
  });
});

describe('event ids in diagnosis text', () => {
  it('a Schannel event id reads in decimal in the detections and in every evidence line', () => {
    const r = diagnoseText(
      'Schannel Event ID 36870: A fatal error occurred when attempting to access the TLS server credential private key.',
    );
    const text = JSON.stringify(r);
    expect(text).toContain('Event 36870');
    expect(text).not.toMatch(/0x9006/i);
  });
});

/**
 * A symbolic name (`disconnectReasonAtClientWinsockFDCLOSE`, `SSL_REQUIRED_BY_SERVER`,
 * `ConnectionFailedAdTrustedRelationshipFailure`) standing where a line or a clause begins: people read
 * the plain words first, the symbol belongs after them, in parentheses or the details.
 */
const SYMBOL_HEADING =
  /(?:^|(?:Suggested by|Evidence): |; )(?:[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+){2,})\b/;

describe('symbolic names are never headings', () => {
  it('the rule catches what it is meant to', () => {
    expect(SYMBOL_HEADING.test('disconnectReasonAtClientWinsockFDCLOSE (0x904)')).toBe(true);
    expect(SYMBOL_HEADING.test('SSL_REQUIRED_BY_SERVER lists it as the most common cause')).toBe(true);
    expect(SYMBOL_HEADING.test('Suggested by: ConnectionFailedAdTrustedRelationshipFailure lists it')).toBe(true);
    expect(SYMBOL_HEADING.test('Error code 0x904 (disconnectReasonAtClientWinsockFDCLOSE) lists it')).toBe(false);
    expect(SYMBOL_HEADING.test('Negotiation failure 0x1 (SSL_REQUIRED_BY_SERVER)')).toBe(false);
    expect(SYMBOL_HEADING.test('Azure Virtual Desktop error (ConnectionFailedAdTrustedRelationshipFailure)')).toBe(
      false,
    );
    expect(SYMBOL_HEADING.test('FreeRDP error 0x00020008 (ERRCONNECT_TLS_CONNECT_FAILED)')).toBe(false);
  });

  it('in event headings and evidence lines, for every catalogue code written by its name or its number', () => {
    const hits = new Set<string>();
    for (const e of ALL_ENTRIES) {
      const texts = [e.name, `Remote Desktop error ${displayCode(e.namespace, e.code) ?? ''}`];
      for (const text of texts) {
        for (const ev of explainText(text, { assumeRdp: true }).events) {
          if (SYMBOL_HEADING.test(ev.title)) hits.add(`title: ${ev.title}`);
        }
        const r = diagnoseText(text);
        for (const c of r.causes) for (const b of c.basis) if (SYMBOL_HEADING.test(b)) hits.add(`evidence: ${b}`);
        for (const f of r.fixes) if (SYMBOL_HEADING.test(f.why)) hits.add(`why: ${f.why}`);
      }
    }
    expect([...hits].slice(0, 20)).toEqual([]);
  });
});
