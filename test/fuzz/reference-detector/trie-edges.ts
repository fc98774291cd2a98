/**
 * The edges of a trie, (node, character code) → child node, in one open-addressing hash table of typed
 * arrays: a lookup is a few integer operations, with no Map and no allocation.
 */
export class TrieEdges {
  private readonly nodes: Int32Array;
  private readonly chars: Int32Array;
  private readonly children: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  /** `capacity`: the most edges the trie can have (the total length of its phrases). */
  constructor(capacity: number) {
    let bits = 4;
    while (1 << bits < capacity * 2) bits++;
    const size = 1 << bits;
    this.shift = 32 - bits;
    this.nodes = new Int32Array(size).fill(-1);
    this.chars = new Int32Array(size);
    this.children = new Int32Array(size);
    this.mask = size - 1;
  }

  /** First slot to probe: the top bits of a multiplicative hash. */
  private slot(node: number, c: number): number {
    return Math.imul(node ^ Math.imul(c, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  /** The child of `node` along `c`, or -1. */
  get(node: number, c: number): number {
    for (let s = this.slot(node, c); ; s = (s + 1) & this.mask) {
      const n = this.nodes[s] as number;
      if (n === -1) return -1;
      if (n === node && this.chars[s] === c) return this.children[s] as number;
    }
  }

  set(node: number, c: number, child: number): void {
    let s = this.slot(node, c);
    while (this.nodes[s] !== -1) s = (s + 1) & this.mask;
    this.nodes[s] = node;
    this.chars[s] = c;
    this.children[s] = child;
  }
}
