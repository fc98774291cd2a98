/**
 * `reachability`: resolves every A/AAAA address of the target and opens a TCP connection to each,
 * in parallel, with a distinct verdict per address: open, refused, timeout (filtered or silent),
 * unreachable, or dns-failed for the name itself.
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import type { CauseId } from '../../shared/catalog/causes.js';
import type {
  AddressVerdictEvidence as AddressVerdict,
  CheckResult,
  Finding,
  FindingId,
  ReachabilityEvidence,
} from '../../shared/protocol/results.js';
import { restrictedAddress } from '../../shared/protocol/target.js';
import { destroyAll, tcpConnect } from '../probe/net.js';
import { finding, result, since, sortFindings, startClock, statusOf } from './result.js';
import { type Check, type CheckContext, type CheckInput, targetOf } from './types.js';

/** The evidence is the protocol's own type (`shared/protocol/results.ts`), read back by `readEvidence`. */
export type { AddressVerdict, ReachabilityEvidence };

type Resolved =
  | { ok: true; addresses: { address: string; family: 4 | 6 }[] }
  | { ok: false; code: string; message: string };

async function resolve(host: string, timeoutMs: number, signal: AbortSignal): Promise<Resolved> {
  const fam = net.isIP(host);
  if (fam === 4 || fam === 6) return { ok: true, addresses: [{ address: host, family: fam }] };
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<Resolved>((res) => {
    timer = setTimeout(
      () => res({ ok: false, code: 'ETIMEOUT', message: `no DNS answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    onAbort = () => res({ ok: false, code: 'ABORTED', message: 'cancelled' });
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const query = lookup(host, { all: true, verbatim: true }).then(
    (list): Resolved => ({
      ok: true,
      addresses: list.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })),
    }),
    (e: NodeJS.ErrnoException): Resolved => ({ ok: false, code: e.code ?? 'ERROR', message: e.message }),
  );
  try {
    return await Promise.race([query, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

export async function runReachability(input: CheckInput, ctx: CheckContext): Promise<CheckResult> {
  const t0 = startClock();
  const { host, port } = targetOf(input);
  const r = await resolve(host, input.timeoutMs, ctx.signal);
  const dnsMs = since(t0);
  if (!r.ok) {
    const evidence: ReachabilityEvidence = {
      host,
      port,
      dns: { ok: false, ms: dnsMs, code: r.code, message: r.message },
      addresses: [],
      openAddress: undefined,
    };
    const f = finding('dns-failed', 'fail', `The name "${host}" could not be resolved (${r.code}).`, ['dns-failure']);
    return result('reachability', t0, {
      summary: `DNS lookup of ${host} failed (${r.code})`,
      evidence: { ...evidence },
      findings: [f],
    });
  }
  if (input.facts?.allowRestricted !== true && net.isIP(host) === 0) {
    const refused = restrictedResult(host, port, r.addresses, dnsMs, t0);
    if (refused) return refused;
  }
  const addresses = await Promise.all(
    r.addresses.map(async (a): Promise<AddressVerdict> => {
      const c = await tcpConnect(a.address, port, input.timeoutMs, ctx.signal);
      if (c.ok) {
        destroyAll(c.socket);
        return { address: a.address, family: a.family, verdict: 'open', ms: c.ms };
      }
      return { address: a.address, family: a.family, verdict: c.verdict, code: c.code, ms: c.ms };
    }),
  );
  const openAddress = addresses.find((a) => a.verdict === 'open')?.address;
  const anyOpen = openAddress !== undefined;
  const findings = addressFindings(addresses, port, input.timeoutMs);
  const evidence: ReachabilityEvidence = { host, port, dns: { ok: true, ms: dnsMs }, addresses, openAddress };
  const counts = addresses.map((a) => `${a.address} ${a.verdict}`).join(', ');
  return result('reachability', t0, {
    status: anyOpen ? statusOf(findings) : 'fail',
    summary: anyOpen
      ? `Port ${port} is open (${counts})`
      : addresses.length > 0 && addresses.every((a) => a.verdict === 'reset')
        ? `Port ${port} resets every connection (${counts})`
        : `Port ${port} cannot be reached (${counts})`,
    evidence: { ...evidence },
    findings: sortFindings(findings),
  });
}

/** A name must not lead the probe where its literal address would be refused (a metadata service). */
function restrictedResult(
  host: string,
  port: number,
  addresses: readonly { address: string }[],
  dnsMs: number,
  t0: number,
): CheckResult | undefined {
  const hit = addresses.map((a) => ({ a, why: restrictedAddress(a.address) })).find((x) => x.why);
  if (!hit) return undefined;
  const reason = `${host} resolves to ${hit.a.address}, ${hit.why}; it is checked only when a person types it in RDP Doctor's own window or on the command line`;
  const evidence = {
    host,
    port,
    dns: { ok: true, ms: dnsMs },
    addresses: [],
    openAddress: undefined,
    restricted: hit.a.address,
  };
  const summary = `Not checked: ${host} resolves to a restricted address`;
  return { ...result('reachability', t0, { status: 'error', summary, evidence }), reason };
}

/** The finding of each way an address did not take the connection: its id, text, and the causes it supports and rules out. */
const CLOSED: Partial<
  Record<
    AddressVerdict['verdict'],
    (at: string, a: AddressVerdict, port: number, timeoutMs: number) => [FindingId, string, CauseId[], CauseId[]]
  >
> = {
  refused: (at, _a, port) => [
    'port-refused',
    `${at} refused the connection: the host answers, but nothing listens on port ${port}.`,
    ['port-closed', 'rds-service-down', 'rdp-disabled'],
    ['dns-failure', 'host-unreachable'],
  ],
  reset: (at, _a, port) => [
    'connection-reset',
    `${at} resets the connection as soon as it is made: something accepts on port ${port} (a port proxy, load balancer or tunnel with no working server behind it, or a filter) and throws the connection away.`,
    ['rds-service-down', 'security-software-interference', 'not-rdp-service'],
    ['dns-failure', 'host-unreachable'],
  ],
  timeout: (at, _a, _port, timeoutMs) => [
    'port-timeout',
    `${at} did not answer within ${timeoutMs} ms: a firewall drops the packets or the host is off.`,
    ['firewall-blocks-port', 'host-unreachable'],
    ['dns-failure'],
  ],
  unreachable: (at, a) => [
    'host-unreachable',
    `${at} is unreachable (${a.code}): there is no route to the host from here.`,
    ['host-unreachable'],
    ['dns-failure'],
  ],
};

/** What each address's verdict says; a closed address only warns when another one is open. */
function addressFindings(addresses: readonly AddressVerdict[], port: number, timeoutMs: number): Finding[] {
  const show = (a: AddressVerdict) => (a.family === 6 ? `[${a.address}]:${port}` : `${a.address}:${port}`);
  const open = addresses.find((a) => a.verdict === 'open');
  const findings = addresses.flatMap((a) => {
    const closed = CLOSED[a.verdict];
    if (!closed) return [];
    const [id, text, supports, rulesOut] = closed(show(a), a, port, timeoutMs);
    return [finding(id, open ? 'warn' : 'fail', text, supports, rulesOut)];
  });
  if (open) {
    findings.push(
      finding(
        'port-open',
        'info',
        `${show(open)} accepts TCP connections (${open.ms} ms).`,
        [],
        ['dns-failure', 'host-unreachable', 'firewall-blocks-port', 'port-closed'],
      ),
    );
  }
  return findings;
}

export const reachabilityCheck: Check = {
  id: 'reachability',
  title: 'Reachability',
  kind: 'network',
  platforms: ['linux', 'darwin', 'win32'],
  description:
    'Resolves every IPv4/IPv6 address of the server and opens a TCP connection to each; tells refused, timed out (filtered) and unreachable apart.',
  run: runReachability,
};
