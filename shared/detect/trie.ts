/**
 * Builds one prefix-factored regex alternation from a list of literal phrases ("the (?:logon attempt
 * failed|function requested …)"). At each position at most one branch can continue — sibling branches
 * start with different characters — so the engine follows one path instead of trying every phrase, and
 * the cost of a scan no longer grows with the number of phrases. A phrase that is a prefix of a longer one
 * ends in `(?:…|)`: the longer phrase is preferred, as with a longest-first alternation.
 */

interface TrieNode {
  next: Map<string, TrieNode>;
  end: boolean;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The phrases as one non-capturing group. `charSource` turns one character into regex source (default: the
 * escaped literal); it must give sibling characters disjoint matches (e.g. a space as `\s+`, never a letter).
 */
export function trieSource(phrases: readonly string[], charSource: (ch: string) => string = escapeRe): string {
  if (phrases.length === 0) return '';
  const root: TrieNode = { next: new Map(), end: false };
  for (const p of phrases) {
    let node = root;
    for (const ch of p) {
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
