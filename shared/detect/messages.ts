/**
 * Well-known message texts recognised without a code ("An internal error has occurred", "The remote
 * computer requires Network Level Authentication…"). All texts are compiled into one regex, once.
 */
import { escapeRe, trieSource } from './trie.js';
import type { MessageRule } from './types.js';

export interface MessageHit {
  rule: MessageRule;
  start: number;
  end: number;
}

export interface MessageMatcher {
  find(text: string): MessageHit[];
}

/** Lower-case, single spaces, straight apostrophes: the key a matched text and a rule share. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** One character of a key as regex source: a space is any whitespace run, an apostrophe any apostrophe. */
function charSource(ch: string): string {
  if (ch === ' ') return '\\s+';
  if (ch === "'") return "['’‘`]";
  return escapeRe(ch);
}

export function compileMessages(rules: readonly MessageRule[]): MessageMatcher {
  const byKey = new Map<string, MessageRule>();
  for (const r of rules) {
    const k = normalise(r.text);
    if (k.length >= 12 && !byKey.has(k)) byKey.set(k, r);
  }
  if (byKey.size === 0) return { find: () => [] };
  const keys = [...byKey.keys()];
  // `\b` before phrases that start with an ASCII letter lets the regex engine skip ahead quickly.
  const ascii = trieSource(
    keys.filter((k) => /^[a-z0-9]/.test(k)),
    charSource,
  );
  const other = trieSource(
    keys.filter((k) => !/^[a-z0-9]/.test(k)),
    charSource,
  );
  const source = [ascii ? `\\b${ascii}` : '', other].filter(Boolean).join('|');
  // Matched against a lower-cased copy (no case-insensitive or Unicode flags: they make this scan slow).
  const re = new RegExp(source, 'g');
  return {
    find(text: string): MessageHit[] {
      const out: MessageHit[] = [];
      const lower = text.toLowerCase();
      re.lastIndex = 0;
      for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
        const prev = lower[m.index - 1] ?? ' ';
        if (/[\p{L}\p{N}]/u.test(prev)) continue;
        const rule = byKey.get(normalise(m[0]));
        if (rule) out.push({ rule, start: m.index, end: m.index + m[0].length });
      }
      return out;
    },
  };
}
