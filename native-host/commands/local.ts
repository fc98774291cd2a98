/**
 * `rdp-doctor local [--json]`: runs the checks that look at this machine — installed clients,
 * CredSSP policy, clock, proxy, security products and, on a Windows RDP server, its listener,
 * service, certificate, key, firewall and events — and prints each result.
 */
import type { CheckResult } from '../../shared/protocol/results.js';
import { localChecks, runLocalChecks } from '../engines/local.js';
import type { Command } from './types.js';

const USAGE = `Usage: rdp-doctor local [options]

Checks this machine: installed Remote Desktop clients, CredSSP and credential-delegation policy,
the clock, proxy settings, security products and — when run on a Windows RDP server — the
listener settings, Remote Desktop Services, the RDP certificate store, MachineKeys, the firewall
and recent events. Checks that do not apply here are listed as skipped, with the reason.

Options:
  --json                 print {"checks":[{"id","status","summary","reason"?,…}]}
  --port N               RDP port to look at on this machine (default 3389)
  --server-time TIME     server time learned elsewhere (ISO 8601), compared with the local clock
  --host NAME            the server you connect to: matched against credential-delegation lists;
                         when it is another machine, the server-side checks are skipped
  --only ID[,ID…]        run only these checks

Exit status: 0 no check failed, 2 usage error, 3 at least one check failed.`;

class UsageError extends Error {}

export interface LocalOptions {
  json: boolean;
  port?: number;
  serverTime?: string;
  host?: string;
  only?: string[];
}

export function parseLocalArgs(argv: readonly string[]): LocalOptions {
  const opts: LocalOptions = { json: false };
  const known = new Set(localChecks().map((c) => c.id));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      const v = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--json') opts.json = true;
    else if (name === '--port') {
      const v = value();
      const n = /^\d{1,5}$/.test(v) ? Number(v) : Number.NaN;
      if (!(n >= 1 && n <= 65535)) throw new UsageError(`--port must be a number from 1 to 65535, not "${v}"`);
      opts.port = n;
    } else if (name === '--server-time') {
      const v = value();
      if (Number.isNaN(Date.parse(v))) throw new UsageError(`--server-time must be an ISO 8601 time, not "${v}"`);
      opts.serverTime = v;
    } else if (name === '--host') {
      const v = value();
      if (!/^[A-Za-z0-9.:_-]{1,253}$/.test(v))
        throw new UsageError(`--host must be a host name or IP address, not "${v}"`);
      opts.host = v;
    } else if (name === '--only') {
      const ids = value().split(',').filter(Boolean);
      const bad = ids.filter((id) => !known.has(id));
      if (bad.length) throw new UsageError(`unknown check "${bad[0]}"; local checks are: ${[...known].join(', ')}`);
      opts.only = ids;
    } else throw new UsageError(`unknown option "${a}"`);
  }
  return opts;
}

const LABEL: Record<string, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP', error: 'ERROR' };

export function formatResult(r: CheckResult): string {
  const lines = [`${(LABEL[r.status] ?? r.status).padEnd(5)} ${r.checkId.padEnd(18)} ${r.summary}`];
  for (const f of r.findings)
    if (f.severity !== 'info' && !r.summary.startsWith(f.summary))
      lines.push(`      ${f.severity === 'fail' ? '✗' : '!'} ${f.summary}`);
  return lines.join('\n');
}

export const localCommand: Command = {
  name: 'local',
  usage: USAGE,
  async run(argv, io, signal) {
    let opts: LocalOptions;
    try {
      opts = parseLocalArgs(argv);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      io.stderr.write(`rdp-doctor local: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    const results = await runLocalChecks({
      signal,
      ...(opts.serverTime ? { facts: { serverTime: opts.serverTime } } : {}),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.only ? { only: opts.only } : {}),
      onResult: opts.json ? undefined : (r) => io.stdout.write(`${formatResult(r)}\n`),
    });
    if (opts.json) {
      const checks = results.map((r) => ({
        id: r.checkId,
        status: r.status,
        summary: r.summary,
        ...(r.reason !== undefined ? { reason: r.reason } : {}),
        findings: r.findings,
        evidence: r.evidence,
        durationMs: r.durationMs,
      }));
      io.stdout.write(`${JSON.stringify({ checks }, null, 2)}\n`);
    }
    return results.some((r) => r.status === 'fail') ? 3 : 0;
  },
};
