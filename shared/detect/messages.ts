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

export function compileMessages(rules: readonly MessageRule[]): MessageMatcher {
  const byKey = new Map<string, MessageRule>();
  for (const r of rules) {
    const k = normalise(r.text);
    if (k.length >= 12 && !byKey.has(k)) byKey.set(k, r);
  }
  if (byKey.size === 0) return { find: () => [] };
  const toSource = (k: string) => escapeRe(k).replace(/ /g, '\\s+').replace(/'/g, "['’‘`]");
  const keys = [...byKey.keys()].sort((a, b) => b.length - a.length);
  // `\b` before phrases that start with an ASCII letter lets the regex engine skip ahead quickly.
  const ascii = keys.filter((k) => /^[a-z0-9]/.test(k)).map(toSource);
  const other = keys.filter((k) => !/^[a-z0-9]/.test(k)).map(toSource);
  const source = [ascii.length > 0 ? `\\b(?:${ascii.join('|')})` : '', other.length > 0 ? `(?:${other.join('|')})` : '']
    .filter(Boolean)
    .join('|');
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
