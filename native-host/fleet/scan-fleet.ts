/**
 * The fleet options of `rdp-doctor scan`: `--policy`, `--baseline`, `--only-changes`, `--shard K/N`
 * and `--merge FILE…`. {@link ScanFleet} adds the grade, the policy result and the change since the
 * baseline to each row, filters by shard, and lists the baseline's targets that were not seen again.
 */
import { readFile, stat } from 'node:fs/promises';
import { type BaselineRow, type Change, compareRows, GONE, readBaseline } from './baseline.js';
import { gradeOf } from './grade.js';
import { loadPolicy } from './load.js';
import { evaluatePolicy, type Policy, type PolicyResult } from './policy.js';
import type { Posture } from './posture.js';
import { inShard, parseShard, type Shard } from './shard.js';

export interface ScanFleetOptions {
  policy: string | undefined;
  baseline: string | undefined;
  onlyChanges: boolean;
  shard: Shard | undefined;
  /** `--merge`: JSON Lines files of earlier scans (shards) to combine instead of scanning. */
  merge: string[];
}

export function defaultScanFleetOptions(): ScanFleetOptions {
  return { policy: undefined, baseline: undefined, onlyChanges: false, shard: undefined, merge: [] };
}

/** Reads one fleet option at argv[i]: how many arguments it used (0 = not a fleet option), or an error. */
export function parseScanFleetOption(
  argv: readonly string[],
  i: number,
  o: ScanFleetOptions,
): { used: number; error?: string } {
  const a = argv[i] ?? '';
  const eq = a.startsWith('--') ? a.indexOf('=') : -1;
  const flag = eq > 0 ? a.slice(0, eq) : a;
  const inline = eq > 0 ? a.slice(eq + 1) : undefined;
  const value = inline ?? argv[i + 1];
  const used = inline === undefined ? 2 : 1;
  switch (flag) {
    case '--only-changes':
      o.onlyChanges = true;
      return { used: 1 };
    case '--policy':
    case '--baseline':
      if (!value) return { used: 0, error: `${flag} needs a file${flag === '--policy' ? ' or a built-in name' : ''}` };
      if (flag === '--policy') o.policy = value;
      else o.baseline = value;
      return { used };
    case '--shard': {
      const s = parseShard(value);
      if (typeof s === 'string') return { used: 0, error: s };
      o.shard = s;
      return { used };
    }
    case '--merge': {
      // Every following argument that is not an option is a file to merge.
      let n = 1;
      while (i + n < argv.length && !(argv[i + n] ?? '').startsWith('--')) o.merge.push(argv[i + n++] ?? '');
      if (o.merge.length === 0) return { used: 0, error: '--merge needs one or more JSON Lines files' };
      return { used: n };
    }
    default:
      return { used: 0 };
  }
}

/** The part of a scan row the fleet reads and writes. */
export interface FleetRow extends BaselineRow {
  target: string;
  posture?: Posture;
  grade?: string;
  policy?: PolicyResult;
  change?: Change;
  error?: unknown;
}

/** Largest baseline read (JSON Lines of a scan: about 1 KB per target). */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

export class ScanFleet {
  private readonly seen = new Set<string>();
  /** Targets whose policy verdict is fail, in the order they were met. */
  readonly policyFailures: string[] = [];
  readonly changes = { new: 0, gone: 0, changed: 0, same: 0 };

  private constructor(
    readonly options: ScanFleetOptions,
    private readonly policy: Policy | undefined,
    private readonly baseline: Map<string, BaselineRow> | undefined,
  ) {}

  /** Loads the policy and the baseline; a message for the person when one cannot be used. */
  static async open(o: ScanFleetOptions): Promise<ScanFleet | string> {
    let policy: Policy | undefined;
    if (o.policy) {
      try {
        policy = await loadPolicy(o.policy);
      } catch (e) {
        return (e as Error).message;
      }
    }
    let baseline: Map<string, BaselineRow> | undefined;
    if (o.baseline) {
      try {
        const s = await stat(o.baseline);
        if (!s.isFile()) return `--baseline ${o.baseline} is not a file`;
        if (s.size > MAX_BASELINE_BYTES) return `--baseline ${o.baseline} is larger than 256 MiB`;
        baseline = readBaseline(await readFile(o.baseline, 'utf8')).rows;
      } catch (e) {
        return `cannot read --baseline ${o.baseline} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      }
    }
    if (o.onlyChanges && !baseline) return '--only-changes needs --baseline FILE';
    return new ScanFleet(o, policy, baseline);
  }

  /** Whether this run scans the target (its shard). */
  accepts(canonicalTarget: string): boolean {
    return !this.options.shard || inShard(canonicalTarget, this.options.shard);
  }

  /** Adds grade, policy and change to a row (rows of invalid list lines pass unchanged). */
  enrich<R extends FleetRow>(row: R): R {
    if (row.error !== undefined) return row;
    const out: R = { ...row };
    if (row.posture) {
      out.grade ??= gradeOf(row.posture).grade;
      if (this.policy) out.policy = evaluatePolicy(this.policy, row.posture);
    }
    if (out.policy?.verdict === 'fail') this.policyFailures.push(row.target);
    if (this.baseline) {
      this.seen.add(row.target);
      out.change = compareRows(this.baseline.get(row.target), out);
      this.changes[out.change.kind] += 1;
    }
    return out;
  }

  /** With --only-changes, only new, gone and changed rows are printed. */
  shouldPrint(row: FleetRow): boolean {
    return (
      !this.options.onlyChanges || row.error !== undefined || (row.change !== undefined && row.change.kind !== 'same')
    );
  }

  /** Rows for the baseline's targets that this scan did not see (call once, at the end). */
  goneRows(): FleetRow[] {
    if (!this.baseline) return [];
    const out: FleetRow[] = [];
    for (const [target, before] of this.baseline) {
      if (this.seen.has(target) || !this.accepts(target)) continue;
      this.changes.gone += 1;
      out.push({ target, reachability: before.reachability, change: GONE });
    }
    return out;
  }

  /** Summary lines for the fleet part of a scan (empty when no fleet option was used). */
  summaryLines(): string[] {
    const lines: string[] = [];
    if (this.policy)
      lines.push(
        `  policy ${this.policy.name}: ${this.policyFailures.length} target(s) fail${this.policyFailures.length ? `: ${this.policyFailures.slice(0, 10).join(', ')}${this.policyFailures.length > 10 ? ', …' : ''}` : ''}`,
      );
    if (this.baseline) {
      const c = this.changes;
      lines.push(`  since the baseline: ${c.new} new, ${c.gone} gone, ${c.changed} changed, ${c.same} unchanged`);
    }
    if (this.options.shard) lines.push(`  shard ${this.options.shard.index}/${this.options.shard.count}`);
    return lines;
  }
}
