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
  const source = [...byKey.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => escapeRe(k).replace(/ /g, '\\s+').replace(/'/g, "['’‘`]"))
    .join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})`, 'giu');
  return {
    find(text: string): MessageHit[] {
      const out: MessageHit[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const rule = byKey.get(normalise(m[0]));
        if (rule) out.push({ rule, start: m.index, end: m.index + m[0].length });
      }
      return out;
    },
  };
}
