/**
 * Well-known message texts recognised without a code ("An internal error has occurred", "The remote
 * computer requires Network Level Authentication…"). All texts are compiled into one regex, once.
 */
import type { MessageRule } from './types.js';

export interface MessageHit {
  rule: MessageRule;
  start: number;
  end: number;
}

export interface MessageMatcher {
  find(text: string): MessageHit[];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lower-case, single spaces, straight apostrophes: the key a matched text and a rule share. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

interface TrieNode {
  next: Map<string, TrieNode>;
  end: boolean;
}

/** One character of a key as regex source: a space is any whitespace run, an apostrophe any apostrophe. */
function charSource(ch: string): string {
  if (ch === ' ') return '\\s+';
  if (ch === "'") return "['’‘`]";
  return escapeRe(ch);
}

/**
 * The keys as one prefix-factored alternation ("the (?:logon attempt failed|function requested …)"): at each
 * position at most one branch can continue (branches start with different characters; a space is `\s+` and
 * never a letter), so the engine follows a single path instead of trying every phrase. A key that is a
 * prefix of a longer one ends in `(?:…|)`: the longer phrase is preferred.
 */
function trieSource(keys: readonly string[]): string {
  if (keys.length === 0) return '';
  const root: TrieNode = { next: new Map(), end: false };
  for (const k of keys) {
    let node = root;
    for (const ch of k) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map(), end: false };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.next].map(([ch, child]) => charSource(ch) + emit(child));
    if (branches.length === 0) return '';
    if (branches.length === 1 && !node.end) return branches[0] as string;
    return `(?:${branches.join('|')}${node.end ? '|' : ''})`;
  };
  return `(?:${emit(root)})`;
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
  const ascii = trieSource(keys.filter((k) => /^[a-z0-9]/.test(k)));
  const other = trieSource(keys.filter((k) => !/^[a-z0-9]/.test(k)));
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
