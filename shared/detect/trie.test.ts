import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeRe, trieSource } from './trie.js';

const flat = (phrases: string[]) =>
  new RegExp(
    `(?:${[...phrases]
      .sort((a, b) => b.length - a.length)
      .map(escapeRe)
      .join('|')})`,
    'g',
  );
const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);

describe('prefix-factored alternation', () => {
  it('prefers the longest phrase, like a longest-first alternation', () => {
    const re = new RegExp(trieSource(['rdp', 'rdp wrapper', 'rd gateway', 'rdpwrap.ini']), 'g');
    expect(all(re, 'rdp wrapper, rdpwrap.ini, rdp, rd gateway, rd gate')).toEqual([
      '0:rdp wrapper',
      '13:rdpwrap.ini',
      '26:rdp',
      '31:rd gateway',
    ]);
  });

  it('finds exactly what the flat longest-first alternation finds', () => {
    const word = fc.stringMatching(/^[abc ]{1,6}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 8 }),
        fc.stringMatching(/^[abc .]{0,60}$/),
        (phrases, text) => {
          expect(all(new RegExp(trieSource(phrases), 'g'), text)).toEqual(all(flat(phrases), text));
        },
      ),
    );
  });

  it('escapes regex characters and maps characters through the given function', () => {
    const re = new RegExp(
      trieSource(['a.b (c)', "can't go"], (ch) => (ch === ' ' ? '\\s+' : escapeRe(ch))),
      'g',
    );
    expect(all(re, "a.b   (c) axb can't\ngo")).toEqual(['0:a.b   (c)', "14:can't\ngo"]);
  });
});
