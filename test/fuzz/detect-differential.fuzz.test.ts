/**
 * The detector against its reference: `reference-detector/` is the detector as it was before its pass
 * found candidates with regular expressions (one JavaScript read of every word), kept here only as the
 * reference. On random text made of the catalogue's codes (in every form people paste), names, labels,
 * context words, message texts, separators and noise (case changes, non-ASCII look-alikes, long runs),
 * both must give exactly the same detections. Deterministic seed (see `config.ts`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_CODES, KNOWN_NAMES } from '../../shared/catalog/compact.js';
import type { Namespace } from '../../shared/catalog/types.js';
import { HINT_WORDS } from '../../shared/detect/hint-words.js';
import { detectorData, detectWith } from '../../shared/detect/index.js';
import { AUTH_ERROR_PHRASES, LABELS, PROTOCOL_ERROR_PHRASES } from '../../shared/detect/labels.js';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams } from './config.js';
import { detectWith as referenceDetectWith } from './reference-detector/detect.js';

const data = detectorData();

/** Every catalogue code with its family, as `[namespace, code]`. */
const codes = (Object.entries(KNOWN_CODES) as [Namespace, readonly number[]][]).flatMap(([ns, list]) =>
  list.map((c) => [ns, c >>> 0] as const),
);

/** A code in one of the forms people paste (hex, padded, decimal, signed, bare, composite, the two typos). */
const codeText = fc.tuple(fc.constantFrom(...codes), fc.integer({ min: 0, max: 11 })).map(([[, c], form]) => {
  const hex = c.toString(16);
  switch (form) {
    case 0:
      return `0x${hex}`;
    case 1:
      return `0x${hex.toUpperCase().padStart(8, '0')}`;
    case 2:
      return String(c);
    case 3:
      return String(c | 0);
    case 4:
      return hex.toUpperCase();
    case 5:
      return `0x${(0x10000 | (c & 0xffff)).toString(16).padStart(8, '0')}`;
    case 6:
      return `0x${(0x20000 | (c & 0xffff)).toString(16).padStart(8, '0')}`;
    case 7:
      return `0x${hex.slice(0, -1)}x`;
    case 8:
      return `0x${hex.slice(0, 1)}0${hex.slice(1)}`;
    case 9:
      return `0${String(c)}`;
    case 10:
      return `−${String(c)}`;
    default:
      return `"${c}"`;
  }
});

const names = KNOWN_NAMES.map(([n]) => n);
const labels = [...LABELS.map((l) => l.text), ...AUTH_ERROR_PHRASES, ...PROTOCOL_ERROR_PHRASES];
const hints = Object.values(HINT_WORDS).flat();
const messages = data.messages.map((m) => m.text);

/** Separators and characters that fold, look alike or sit at the edges of the detector's character classes. */
const NOISE = [
  ' ',
  '  ',
  ': ',
  ':',
  '\n',
  '\r\n',
  '\t',
  '=',
  ' = ',
  '(',
  ')',
  '[',
  ']',
  '"',
  '“',
  "'",
  '’',
  '‘',
  '`',
  '#',
  '-',
  '−',
  '‐',
  '–',
  '.',
  ',',
  '/',
  '%',
  '_',
  '*',
  '!',
  '\u00a0',
  '\u200b',
  '\u3000',
  '\u212a', // KELVIN SIGN: lower-cases to "k"
  'ſ',
  'ı',
  'İ',
  'é',
  'É',
  'ß',
  'Ω',
  '远程',
  'リモート',
  '원격',
  '：',
  '（',
  'ｴ',
  '𝟘',
  '\ud800',
  ' is ',
  ' of ',
  ' ist ',
  ' was ',
  'Event ID ',
  'Reason= ',
  'hr=',
  'failureCode = ',
  'exit status ',
  'ERRINFO_',
  'ERRCONNECT_',
  'AADSTS',
  'c0',
  'C0000',
  '8000',
  'A',
];

/** One piece: catalogue text (as written, lower-, upper- or title-cased, or cut short) or noise. */
const piece = fc.oneof(
  { arbitrary: codeText, weight: 4 },
  { arbitrary: fc.constantFrom(...names), weight: 2 },
  { arbitrary: fc.constantFrom(...labels), weight: 3 },
  { arbitrary: fc.constantFrom(...hints), weight: 3 },
  { arbitrary: fc.constantFrom(...messages), weight: 1 },
  { arbitrary: fc.constantFrom(...NOISE), weight: 6 },
  { arbitrary: fc.stringMatching(/^[0-9]{1,12}$/), weight: 2 },
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
);
const shaped = fc.tuple(piece, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 40 })).map(([p, how, n]) => {
  switch (how) {
    case 0:
      return p.toLowerCase();
    case 1:
      return p.toUpperCase();
    case 2:
      return p.slice(0, Math.max(1, p.length - n));
    case 3:
      return p.replace(/ /g, '\n  ');
    case 4:
      return p.replace(/'/g, '’');
    case 5:
      return p.repeat(Math.min(n, 8));
    default:
      return p;
  }
});
/** A short line: a context word or label, a code, another word, with separators (what context decisions read). */
const line = fc
  .tuple(
    fc.constantFrom(...hints, ...labels),
    fc.constantFrom(...NOISE),
    codeText,
    fc.constantFrom(...NOISE),
    fc.constantFrom(...hints, ...labels, ...names),
  )
  .map((parts) => parts.join(''));
const text = fc
  .array(fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: line, weight: 1 }), { maxLength: 40 })
  .map((parts) => parts.join(''));

function same(t: string, opts: { assumeRdp?: boolean; maxDetections?: number }): void {
  expect(detectWith(data, t, opts)).toEqual(referenceDetectWith(data, t, opts));
}

describe('fuzz: detector vs its reference', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('the same detections on catalogue text, labels, context words, messages and noise', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, assumeRdp) => same(t, { assumeRdp })),
      fuzzParams(5),
    );
  });

  it('the same detections on random UTF-16 and with a small maxDetections', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), text),
        fc.boolean(),
        fc.integer({ min: 1, max: 20 }),
        (t, assumeRdp, maxDetections) => same(t, { assumeRdp, maxDetections }),
      ),
      fuzzParams(2),
    );
  });

  it('the same detections on edge cases: phrases that start anywhere, look-alike letters, labels far back', () => {
    const cases = [
      '#define ERR 0x904 // remote desktop',
      'rdp: #define 0x204',
      'remote des\u212atop error code 0x904',
      'des\u212atop remoto 0x204',
      'DES\u212aTOP\tREMOTO 0x204',
      'REMOTE DESKTOP an internal error has occurred',
      'an\u00a0internal\n\t error has occurred rdp',
      'Remote Desktop can\u2019t connect to the remote computer',
      `Error code:${' '.repeat(70)}0x904 rdp`,
      'Error code: −2147467259 rdp',
      'The error code is 0x904. Fehlercode ist 0x904',
      '80090328 remote desktop (80004005) 1: 80090308',
      'rd gateway 12: "23003" 1026 -2147467259 −2147467259',
      'Error code: ‐2308 rdp',
      'Event ID: 1026 schannel 36870 ("23003") The following error occurred: "23003". rd gateway',
      'ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER (0x0000000B) freerdp',
      'AADSTS50076 remote desktop, c000006d and C000006D, 80090328 rdp',
    ];
    for (const t of cases) for (const assumeRdp of [false, true]) same(t, { assumeRdp });
  });

  it('the same detections on the corpus texts joined, with and without RDP context', async () => {
    const { readFileSync } = await import('node:fs');
    const corpus = ['positives.json', 'negatives.json'].flatMap((f) =>
      (JSON.parse(readFileSync(new URL(`../fixtures/corpus/${f}`, import.meta.url), 'utf8')) as { text: string }[]).map(
        (i) => i.text,
      ),
    );
    const all = corpus.join('\n');
    for (const assumeRdp of [false, true]) same(all, { assumeRdp, maxDetections: Number.MAX_SAFE_INTEGER });
    for (const t of corpus) same(t, {});
  });
});
