/**
 * Whether the Linux packet filter lets a new TCP connection to a port in: reads the nftables ruleset
 * (`nft -j list ruleset`) or, without nft, the iptables rules (`iptables-save`), and follows the
 * input hook's chains (jumps and returns included) for a packet with only a TCP destination port
 * known. Rules with other conditions (source address, interface, connection state) cannot be decided
 * for an unknown client and are counted as "conditional", which makes the verdict `unclear` when one
 * of them could change the outcome. Both commands usually need root; without it nothing is guessed.
 */
import type { Exec } from '../exec/exec.js';
import { succeeded } from '../exec/exec.js';

type Verdict = 'accept' | 'drop';
interface Rule {
  /** Whether the rule's TCP destination-port condition includes the port; `any` when it has none. */
  port: 'match' | 'nomatch' | 'any';
  /** The rule has conditions other than TCP and the destination port. */
  conditional: boolean;
  action: Verdict | 'return' | { jump: string } | undefined;
  text: string;
}
interface Chain {
  policy: Verdict | undefined;
  rules: Rule[];
}
type Ruleset = { chains: Map<string, Chain>; inputs: string[] };

export interface LinuxFirewallVerdict {
  state: 'allows' | 'blocks' | 'no-filter' | 'unclear';
  /** One sentence naming the deciding rule or policy. */
  detail: string;
}

function portIn(v: unknown, port: number): boolean | undefined {
  if (typeof v === 'number') return v === port;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v) === port;
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.set)) return o.set.some((x) => portIn(x, port) === true);
  if (Array.isArray(o.range)) return Number(o.range[0]) <= port && port <= Number(o.range[1]);
  return undefined;
}

/** `ct state established,related` or `iif lo`: conditions a new connection from another machine never meets. */
function notForNewRemote(m: Record<string, unknown>): boolean {
  const left = m.left as Record<string, unknown> | undefined;
  const right = m.right;
  const values = (Array.isArray(right) ? right : ((right as { set?: unknown[] } | null)?.set ?? [right])).map(String);
  if ((left?.ct as { key?: string } | undefined)?.key === 'state' && m.op !== '!=') {
    return values.length > 0 && values.every((v) => v === 'established' || v === 'related');
  }
  const meta = (left?.meta as { key?: string } | undefined)?.key;
  return (meta === 'iif' || meta === 'iifname') && m.op !== '!=' && values.every((v) => v === 'lo');
}

function nftRule(exprs: unknown[], port: number): Rule {
  let portState: Rule['port'] = 'any';
  let conditional = false;
  let action: Rule['action'];
  for (const e of exprs) {
    if (typeof e !== 'object' || e === null) continue;
    const x = e as Record<string, unknown>;
    const m = x.match as Record<string, unknown> | undefined;
    const left = (m?.left as Record<string, unknown> | undefined)?.payload as Record<string, unknown> | undefined;
    if (m && left?.field === 'dport' && (left.protocol === 'tcp' || left.protocol === 'th')) {
      const hit = portIn(m.right, port);
      if (hit === undefined) conditional = true;
      else if (m.op === '!=') portState = hit ? 'nomatch' : 'match';
      else portState = hit ? 'match' : 'nomatch';
    } else if (m && left?.field === 'protocol') {
      // `ip protocol tcp` / `meta l4proto tcp`: true for the packet in question
    } else if (m && notForNewRemote(m)) {
      portState = 'nomatch'; // established/related-only or loopback-only: never a new connection from a client
    } else if (m) conditional = true;
    if ('accept' in x) action = 'accept';
    else if ('drop' in x || 'reject' in x) action = 'drop';
    else if ('return' in x) action = 'return';
    else if (x.jump || x.goto) {
      const target = ((x.jump ?? x.goto) as Record<string, unknown>).target;
      if (typeof target === 'string') action = { jump: target };
    }
  }
  return { port: portState, conditional, action, text: JSON.stringify(exprs).slice(0, 200) };
}

/** The input-hook chains and every chain of the same tables from `nft -j list ruleset`; undefined if not that JSON. */
export function parseNftRuleset(v: unknown, port: number): Ruleset | undefined {
  const list = (v as { nftables?: unknown } | null)?.nftables;
  if (!Array.isArray(list)) return undefined;
  const chains = new Map<string, Chain>();
  const inputs: string[] = [];
  const key = (o: Record<string, unknown>, name: unknown) => `${o.family}/${o.table}/${String(name)}`;
  for (const item of list) {
    const c = (item as { chain?: Record<string, unknown> }).chain;
    if (c) {
      const k = key(c, c.name);
      chains.set(k, { policy: c.policy === 'drop' ? 'drop' : c.hook ? 'accept' : undefined, rules: [] });
      if (c.hook === 'input' && (c.type === 'filter' || c.type === undefined)) inputs.push(k);
    }
    const r = (item as { rule?: Record<string, unknown> }).rule;
    if (r && Array.isArray(r.expr)) {
      const rule = nftRule(r.expr, port);
      if (typeof rule.action === 'object') rule.action = { jump: key(r, rule.action.jump) };
      chains.get(key(r, r.chain))?.rules.push(rule);
    }
  }
  return { chains, inputs };
}

/** Rules of the `filter` table from `iptables-save`; undefined when the text has no filter table. */
export function parseIptablesSave(text: string, port: number): Ruleset | undefined {
  const chains = new Map<string, Chain>();
  let inFilter = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('*')) inFilter = line === '*filter';
    if (!inFilter) continue;
    const head = /^:(\S+)\s+(\S+)/.exec(line);
    if (head)
      chains.set(head[1]!, { policy: head[2] === 'DROP' ? 'drop' : head[2] === '-' ? undefined : 'accept', rules: [] });
    const add = /^-A\s+(\S+)\s*(.*)$/.exec(line);
    if (!add) continue;
    const args = add[2]!;
    const dport = /--dports?\s+(\S+)/.exec(args)?.[1];
    const negated = /!\s+--dports?/.test(args);
    let port_: Rule['port'] = 'any';
    if (dport) {
      const hit = dport.split(',').some((p) => {
        const [a, b] = p.split(':').map(Number);
        return b === undefined ? a === port : a! <= port && port <= b;
      });
      port_ = hit !== negated ? 'match' : 'nomatch';
    }
    if (/-p\s+(udp|icmp)/.test(args)) port_ = 'nomatch';
    // Established/related-only or loopback-only rules never see a new connection from a client.
    const state = /--(?:ct)?state\s+(\S+)/.exec(args)?.[1];
    if (
      state &&
      !/!\s+--(?:ct)?state/.test(args) &&
      state.split(',').every((x) => x === 'RELATED' || x === 'ESTABLISHED')
    ) {
      port_ = 'nomatch';
    }
    if (/(^|\s)-i\s+lo(\s|$)/.test(args)) port_ = 'nomatch';
    const rest = args
      .replace(/(!\s+)?--dports?\s+\S+/, '')
      .replace(/-p\s+tcp|-m\s+(tcp|multiport|comment)|--comment\s+("[^"]*"|\S+)/g, '')
      .replace(/-[jg]\s+\S+/, '')
      .trim();
    const target = /-[jg]\s+(\S+)/.exec(args)?.[1];
    const action: Rule['action'] =
      target === 'ACCEPT'
        ? 'accept'
        : target === 'DROP' || target === 'REJECT'
          ? 'drop'
          : target === 'RETURN'
            ? 'return'
            : target && chains.has(target)
              ? { jump: target }
              : undefined;
    chains.get(add[1]!)?.rules.push({ port: port_, conditional: rest !== '', action, text: line });
  }
  if (chains.size === 0) return undefined;
  return { chains, inputs: chains.has('INPUT') ? ['INPUT'] : [] };
}

type Walk = { result: Verdict | 'return'; by: string; unsure: string[] };

function walk(rs: Ruleset, name: string, depth: number): Walk {
  const chain = rs.chains.get(name);
  const unsure: string[] = [];
  if (!chain || depth > 16) return { result: 'return', by: `chain ${name} not found`, unsure: [`chain ${name}`] };
  for (const r of chain.rules) {
    if (r.port === 'nomatch' || r.action === undefined) continue;
    if (r.conditional) {
      if (r.action !== 'return') unsure.push(r.text);
      continue;
    }
    if (typeof r.action === 'object') {
      const sub = walk(rs, r.action.jump, depth + 1);
      unsure.push(...sub.unsure);
      if (sub.result !== 'return') return { ...sub, unsure };
      continue;
    }
    return { result: r.action, by: r.text, unsure };
  }
  if (chain.policy) return { result: chain.policy, by: `policy ${chain.policy} of chain ${name}`, unsure };
  return { result: 'return', by: `end of chain ${name}`, unsure };
}

/** What the ruleset does with a new TCP connection to `port`. */
export function assessRuleset(rs: Ruleset, port: number): LinuxFirewallVerdict {
  if (rs.inputs.length === 0) return { state: 'no-filter', detail: 'no chain filters incoming traffic' };
  let allowedBy = '';
  for (const name of rs.inputs) {
    const w = walk(rs, name, 0);
    if (w.result === 'drop') {
      return w.unsure.length > 0
        ? {
            state: 'unclear',
            detail: `TCP ${port} reaches "${w.by}" (drop), but ${w.unsure.length} earlier conditional rule(s) may accept it first (for example "${w.unsure[0]}")`,
          }
        : { state: 'blocks', detail: `new connections to TCP ${port} are dropped by "${w.by}"` };
    }
    allowedBy = w.by;
  }
  return { state: 'allows', detail: `new connections to TCP ${port} are accepted ("${allowedBy}")` };
}

export type LinuxFirewallRead =
  | { kind: 'read'; source: 'nftables' | 'iptables'; verdict: LinuxFirewallVerdict }
  | { kind: 'not-checked'; reason: string };

/** Reads nftables, else iptables; never shows the commands' own error text. */
export async function readLinuxFirewall(exec: Exec, port: number, signal: AbortSignal): Promise<LinuxFirewallRead> {
  const nft = await exec('nft', ['-j', 'list', 'ruleset'], { signal, timeoutMs: 10_000 });
  let fromNft: LinuxFirewallVerdict | undefined;
  if (succeeded(nft)) {
    try {
      const rs = parseNftRuleset(JSON.parse(nft.stdout), port);
      if (rs) fromNft = assessRuleset(rs, port);
    } catch {
      // not JSON: fall through to iptables
    }
  }
  if (fromNft && fromNft.state !== 'no-filter') return { kind: 'read', source: 'nftables', verdict: fromNft };
  // An empty nftables ruleset can sit beside rules of the legacy iptables backend.
  const ipt = await exec('iptables-save', [], { signal, timeoutMs: 10_000 });
  if (succeeded(ipt)) {
    const rs = parseIptablesSave(ipt.stdout, port);
    if (rs) return { kind: 'read', source: 'iptables', verdict: assessRuleset(rs, port) };
  }
  if (fromNft) return { kind: 'read', source: 'nftables', verdict: fromNft };
  if (succeeded(ipt)) {
    return {
      kind: 'read',
      source: 'iptables',
      verdict: { state: 'no-filter', detail: 'iptables has no filter rules' },
    };
  }
  const why = (r: typeof nft, name: string) =>
    r.outcome === 'not-found'
      ? `${name} is not installed`
      : r.outcome === 'exited'
        ? `${name} exited with status ${r.exitCode} (reading the rules needs root)`
        : `${name} did not run (${r.outcome})`;
  return { kind: 'not-checked', reason: `${why(nft, 'nft')}; ${why(ipt, 'iptables-save')}` };
}
