/**
 * `reachability`: resolves every A/AAAA address of the target and opens a TCP connection to each,
 * in parallel, with a distinct verdict per address: open, refused, timeout (filtered or silent),
 * unreachable, or dns-failed for the name itself.
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import type {
  AddressVerdictEvidence as AddressVerdict,
  CheckResult,
  ReachabilityEvidence,
} from '../../shared/protocol/results.js';
import { restrictedAddress } from '../../shared/protocol/target.js';
import { destroyAll, tcpConnect } from '../probe/net.js';
import { finding, since, sortFindings, statusOf } from './result.js';
import type { Check, CheckContext, CheckInput } from './types.js';

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
  const t0 = performance.now();
  const host = input.host ?? '';
  const port = input.port ?? 3389;
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
    const f = finding(
      'dns-failed',
      'fail',
      `The name "${host}" could not be resolved (${r.code}).`,
      ['dns-failure'],
      [],
    );
    return {
      checkId: 'reachability',
      status: 'fail',
      summary: `DNS lookup of ${host} failed (${r.code})`,
      evidence: { ...evidence },
      findings: [f],
      durationMs: since(t0),
    };
  }
  if (input.facts?.allowRestricted !== true && net.isIP(host) === 0) {
    // A name must not lead the probe where its literal address would be refused (a metadata service).
    const hit = r.addresses.map((a) => ({ a, why: restrictedAddress(a.address) })).find((x) => x.why);
    if (hit) {
      const reason = `${host} resolves to ${hit.a.address}, ${hit.why}; it is checked only when a person types it in RDP Doctor's own window or on the command line`;
      return {
        checkId: 'reachability',
        status: 'error',
        summary: `Not checked: ${host} resolves to a restricted address`,
        reason,
        evidence: {
          host,
          port,
          dns: { ok: true, ms: dnsMs },
          addresses: [],
          openAddress: undefined,
          restricted: hit.a.address,
        },
        findings: [],
        durationMs: since(t0),
      };
    }
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
  const findings = [];
  const show = (a: AddressVerdict) => (a.family === 6 ? `[${a.address}]:${port}` : `${a.address}:${port}`);
  const anyOpen = openAddress !== undefined;
  for (const a of addresses) {
    const sev = anyOpen ? 'warn' : 'fail';
    if (a.verdict === 'refused') {
      findings.push(
        finding(
          'port-refused',
          sev,
          `${show(a)} refused the connection: the host answers, but nothing listens on port ${port}.`,
          ['port-closed', 'rds-service-down', 'rdp-disabled'],
          ['dns-failure', 'host-unreachable'],
        ),
      );
    } else if (a.verdict === 'reset') {
      findings.push(
        finding(
          'connection-reset',
          sev,
          `${show(a)} resets the connection as soon as it is made: something accepts on port ${port} (a port proxy, load balancer or tunnel with no working server behind it, or a filter) and throws the connection away.`,
          ['rds-service-down', 'security-software-interference', 'not-rdp-service'],
          ['dns-failure', 'host-unreachable'],
        ),
      );
    } else if (a.verdict === 'timeout') {
      findings.push(
        finding(
          'port-timeout',
          sev,
          `${show(a)} did not answer within ${input.timeoutMs} ms: a firewall drops the packets or the host is off.`,
          ['firewall-blocks-port', 'host-unreachable'],
          ['dns-failure'],
        ),
      );
    } else if (a.verdict === 'unreachable') {
      findings.push(
        finding(
          'host-unreachable',
          sev,
          `${show(a)} is unreachable (${a.code}): there is no route to the host from here.`,
          ['host-unreachable'],
          ['dns-failure'],
        ),
      );
    }
  }
  if (anyOpen) {
    const open = addresses.find((a) => a.verdict === 'open');
    findings.push(
      finding(
        'port-open',
        'info',
        `${open ? show(open) : openAddress} accepts TCP connections (${open?.ms ?? 0} ms).`,
        [],
        ['dns-failure', 'host-unreachable', 'firewall-blocks-port', 'port-closed'],
      ),
    );
  }
  const evidence: ReachabilityEvidence = { host, port, dns: { ok: true, ms: dnsMs }, addresses, openAddress };
  const counts = addresses.map((a) => `${a.address} ${a.verdict}`).join(', ');
  return {
    checkId: 'reachability',
    status: anyOpen ? statusOf(findings) : 'fail',
    summary: anyOpen
      ? `Port ${port} is open (${counts})`
      : addresses.length > 0 && addresses.every((a) => a.verdict === 'reset')
        ? `Port ${port} resets every connection (${counts})`
        : `Port ${port} cannot be reached (${counts})`,
    evidence: { ...evidence },
    findings: sortFindings(findings),
    durationMs: since(t0),
  };
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
