/**
 * Well-known message texts recognised without a code ("An internal error has occurred", "The remote
 * computer requires Network Level Authentication…"). All texts are compiled into one trie, once
 * (`trie.ts`), matched without case and with any whitespace run for a space.
 */

import type { MessageRule } from '../../../shared/detect/types.js';
import { isLetterOrNumberCode } from './chars.js';
import { PhraseTrie } from './trie.js';

export interface MessageHit {
  rule: MessageRule;
  start: number;
  end: number;
}

/** Lower-case, single spaces, straight apostrophes: the key a matched text and a rule share. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

export class MessageMatcher {
  /** The message texts (see `trie.ts`): a space matches any whitespace run, an apostrophe any apostrophe. */
  readonly trie: PhraseTrie<MessageRule>;

  constructor(rules: readonly MessageRule[]) {
    const byKey = new Map<string, MessageRule>();
    for (const r of rules) {
      const k = normalise(r.text);
      if (k.length >= 12 && !byKey.has(k)) byKey.set(k, r);
    }
    this.trie = new PhraseTrie(byKey, { spaceRuns: true, anyApostrophe: true });
  }

  /** The hit for the trie's last match `[start, end)`, unless it is glued to a letter or digit of another script ("éan internal error…"). */
  hitAt(text: string, start: number, end: number): MessageHit | null {
    if (start > 0 && isLetterOrNumberCode(text.charCodeAt(start - 1))) return null;
    return { rule: this.trie.value as MessageRule, start, end };
  }

  /** Every message in `text`, in text order. */
  find(text: string): MessageHit[] {
    const out: MessageHit[] = [];
    this.trie.findAll(text, 0, text.length, text.length, (start, end) => {
      const hit = this.hitAt(text, start, end);
      if (hit) out.push(hit);
    });
    return out;
  }
}

export function compileMessages(rules: readonly MessageRule[]): MessageMatcher {
  return new MessageMatcher(rules);
}
