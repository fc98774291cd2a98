/**
 * `scan --shard K/N`: a deterministic slice of the target list, so an existing job runner (a
 * Kubernetes Indexed Job, a CI matrix, GNU parallel) runs N slices and their JSON Lines concatenate.
 * A target belongs to exactly one shard: the first four bytes of SHA-256 of its canonical form
 * (`host:port`, as scan rows print it), modulo N. Independent of list order and of the other shards.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses "K/N" (1 ≤ K ≤ N ≤ 10000). */
export function parseShard(s: string | undefined): Shard | string {
  const m = s === undefined ? null : /^(\d{1,5})\/(\d{1,5})$/.exec(s.trim());
  if (!m) return '--shard takes K/N, e.g. 2/8 (slice 2 of 8; K counts from 1)';
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10_000 || index < 1 || index > count)
    return `--shard ${s}: K must be from 1 to N, and N from 1 to 10000`;
  return { index, count };
}

/** The 1-based shard a canonical target belongs to among `count`. */
export function shardOf(canonicalTarget: string, count: number): number {
  const h = createHash('sha256').update(canonicalTarget.toLowerCase()).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export function inShard(canonicalTarget: string, shard: Shard): boolean {
  return shard.count === 1 || shardOf(canonicalTarget, shard.count) === shard.index;
}
