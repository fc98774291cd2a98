import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PhraseOptions, PhraseTrie } from './trie.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The reference: a longest-first alternation over a lower-cased copy, `\b` before phrases that start a word. */
function flat(phrases: string[], text: string, opts: PhraseOptions = {}): string[] {
  const source = (p: string) => {
    let s = escapeRe(p);
    if (opts.spaceRuns) s = s.replace(/ /g, '\\s+');
    if (opts.anyApostrophe) s = s.replace(/'/g, "['’‘`]");
    return /^[a-z0-9]/.test(p) ? `\\b${s}` : s;
  };
  const re = new RegExp(
    [...phrases]
      .sort((a, b) => b.length - a.length)
      .map(source)
      .join('|'),
    'g',
  );
  return [...text.toLowerCase().matchAll(re)].map((m) => `${m.index}:${text.slice(m.index, m.index + m[0].length)}`);
}

function found(phrases: string[], text: string, opts: PhraseOptions = {}): string[] {
  const trie = new PhraseTrie(
    phrases.map((p) => [p, p] as const),
    opts,
  );
  const out: string[] = [];
  trie.findAll(text, 0, text.length, text.length, (start, end) => out.push(`${start}:${text.slice(start, end)}`));
  return out;
}

describe('phrase trie', () => {
  it('prefers the longest phrase, like a longest-first alternation, and ignores case', () => {
    const phrases = ['rdp', 'rdp wrapper', 'rd gateway', 'rdpwrap.ini'];
    const text = 'RDP Wrapper, rdpwrap.ini, rdp, Rd Gateway, rd gate, xrdp';
    expect(found(phrases, text)).toEqual(['0:RDP Wrapper', '13:rdpwrap.ini', '26:rdp', '31:Rd Gateway']);
    expect(found(phrases, text)).toEqual(flat(phrases, text));
  });

  it('finds exactly what the flat alternation finds (ASCII words, spaces, apostrophes, punctuation)', () => {
    const word = fc.stringMatching(/^[abcA1 ']{1,6}$/).map((w) => w.toLowerCase().trim());
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.filter((w) => w.length > 0)),
        fc.stringMatching(/^[abcABC1 \t'’._-]{0,60}$/),
        fc.boolean(),
        (words, text, messageLike) => {
          // Message keys have single spaces (see `messages.ts`).
          const phrases = messageLike ? [...new Set(words.map((w) => w.replace(/ +/g, ' ')))] : words;
          fc.pre(phrases.length > 0);
          const opts = messageLike ? { spaceRuns: true, anyApostrophe: true } : {};
          expect(found(phrases, text, opts)).toEqual(flat(phrases, text, opts));
        },
      ),
      { seed: 4242, numRuns: 300 },
    );
  });

  it('matches phrases of other scripts anywhere, and whitespace runs and apostrophes when asked', () => {
    const phrases = ['удаленн', '远程桌面', '#define', "can't go", 'a b c'];
    const opts = { spaceRuns: true, anyApostrophe: true };
    const text = 'Удаленный; x远程桌面; #DEFINE; can’t\n go; A  b\tc';
    expect(found(phrases, text, opts)).toEqual([
      '0:Удаленн',
      '12:远程桌面',
      '18:#DEFINE',
      '27:can’t\n go',
      '38:A  b\tc',
    ]);
    expect(found(phrases, text, opts)).toEqual(flat(phrases, text, opts));
  });
});
