/**
 * `rdp-doctor listen`: plays an RDP server on this computer for one client connection and reports
 * what the client offers (security protocols, cookie, TLS versions and cipher suites, SNI, CredSSP
 * version, NTLM version block), without ever asking for a password.
 */
import type { SecureVersion } from 'node:tls';
import type { ClientOfferReport } from '../../shared/protocol/client-offer.js';
import { DEFAULT_TIMEOUT_MS, parseTarget, type Target } from '../../shared/protocol/target.js';
import { type ProbeReport, runProbe } from '../engines/probe.js';
import { type ComparisonItem, compareWithServer } from '../listen/compare.js';
import { formatClientOffer, formatComparison, rankedFixes } from '../listen/format.js';
import {
  checkBindAddress,
  checkPort,
  checkWait,
  DEFAULT_LISTEN_ADDRESS,
  DEFAULT_LISTEN_PORT,
  DEFAULT_WAIT_MS,
  MAX_WAIT_MS,
  MIN_WAIT_MS,
  STEP_TIMEOUT_MS,
} from '../listen/options.js';
import { ListenError, listenOnce } from '../listen/session.js';
import type { Command, CommandIO } from './types.js';

const USAGE = `Usage: rdp-doctor listen [options]

Listens for one Remote Desktop client connection on this computer, plays the server just far
enough to see what the client offers, and reports it: the security protocols it asks for
(standard RDP, TLS, CredSSP/NLA, NLA with early user authorization, RDSTLS, Entra ID), its
cookie (the user name, redacted unless --show-user), the TLS versions and cipher suites it
offers, the server name it sends (SNI), its CredSSP version and its NTLM version block (OS build).
The listener stops before any challenge: it never asks for, receives or records a password.
Point the client at the address printed (e.g. mstsc /v:127.0.0.1:${DEFAULT_LISTEN_PORT}); accept the
throwaway certificate if the client asks.

Options:
  --port N          port to listen on (default ${DEFAULT_LISTEN_PORT}; 0 picks a free one)
  --bind ADDR       IP address to listen on (default ${DEFAULT_LISTEN_ADDRESS}); only loopback
                    addresses unless --allow-remote
  --allow-remote    allow a non-loopback --bind address (other computers can then connect)
  --timeout MS      how long to wait for a client (default ${DEFAULT_WAIT_MS}, ${MIN_WAIT_MS}–${MAX_WAIT_MS})
  --show-user       show user, domain and workstation names instead of redacting them
  --against HOST[:PORT]  also check that RDP server (as "rdp-doctor check" does) and say, for
                    the security protocol, TLS version and CredSSP version, which side must
                    change for the two to agree, with the fixes ranked
  --json            print the report as JSON (with --against: an "against" member holding the
                    comparison, the ranked fix ids and the server's checks)

The address being listened on is printed to standard error as soon as it is ready.

Exit status: 0 a client was seen and reported, 1 no client connected in time, 2 usage error,
3 (with --against) client and server cannot agree, 4 could not listen on the address,
130 interrupted.`;

export interface ListenArgs {
  bind: string;
  port: number;
  waitMs: number;
  json: boolean;
  showUser: boolean;
  against?: Target;
}

type Parsed = { ok: true; args: ListenArgs } | { ok: false; code: string; message: string };

export function parseListenArgs(argv: readonly string[]): Parsed {
  let bind = DEFAULT_LISTEN_ADDRESS;
  let port = DEFAULT_LISTEN_PORT;
  let waitMs = DEFAULT_WAIT_MS;
  let json = false;
  let showUser = false;
  let allowRemote = false;
  let against: Target | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = () => (eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i]);
    if (name === '--json') json = true;
    else if (name === '--show-user') showUser = true;
    else if (name === '--allow-remote') allowRemote = true;
    else if (name === '--bind') {
      const v = value();
      if (v === undefined) return { ok: false, code: 'usage', message: '--bind needs an IP address' };
      bind = v;
    } else if (name === '--port') {
      const p = checkPort(value());
      if (!p.ok) return p;
      port = p.value;
    } else if (name === '--timeout') {
      const w = checkWait(value());
      if (!w.ok) return w;
      waitMs = w.value;
    } else if (name === '--against') {
      const v = value();
      if (v === undefined) return { ok: false, code: 'usage', message: '--against needs HOST[:PORT]' };
      const t = parseTarget(v);
      if (!t.ok) return { ok: false, code: t.code, message: `--against: ${t.message}` };
      against = t.target;
    } else return { ok: false, code: 'usage', message: `unknown option or argument "${a}"` };
  }
  const b = checkBindAddress(bind, allowRemote);
  if (!b.ok) return b;
  return { ok: true, args: { bind: b.value, port, waitMs, json, showUser, ...(against ? { against } : {}) } };
}

/** Exit status of a finished run. */
export function listenExitCode(r: ClientOfferReport): number {
  if (r.end.reason === 'cancelled') return 130;
  return r.reached === 'none' ? 1 : 0;
}

export async function runListenCommand(argv: string[], io: CommandIO, signal: AbortSignal): Promise<number> {
  const p = parseListenArgs(argv);
  if (!p.ok) {
    io.stderr.write(`rdp-doctor listen: ${p.message} [${p.code}]\n\n${USAGE}\n`);
    return 2;
  }
  const { bind, port, waitMs, json, showUser, against } = p.args;
  // The server is checked first: the listener then offers only the TLS version the server speaks,
  // so the client's handshake shows whether it accepts that version.
  let server: ProbeReport | undefined;
  let tlsVersion: SecureVersion | undefined;
  if (against) {
    io.stderr.write(`Checking ${against.display}…\n`);
    server = await runProbe(against, { timeoutMs: DEFAULT_TIMEOUT_MS, signal });
    const v = (server.certificate.evidence.tls as { version?: string } | undefined)?.version;
    if (v === 'TLSv1' || v === 'TLSv1.1' || v === 'TLSv1.2' || v === 'TLSv1.3') tlsVersion = v;
  }
  let report: ClientOfferReport;
  try {
    report = await listenOnce({
      host: bind,
      port,
      waitMs,
      stepMs: STEP_TIMEOUT_MS,
      showUser,
      signal,
      ...(tlsVersion ? { tlsVersion } : {}),
      onListening: (w) => {
        const hostPart = w.address.includes(':') ? `[${w.address}]` : w.address;
        io.stderr.write(
          `Listening on ${hostPart}:${w.port} for ${waitMs >= 1000 ? `${Math.round(waitMs / 1000)} s` : `${waitMs} ms`} — connect your RDP client to ${hostPart}:${w.port}\n` +
            `(throwaway certificate SHA-256 ${w.certificateSha256})\n`,
        );
      },
    });
  } catch (e) {
    if (e instanceof ListenError) {
      io.stderr.write(`rdp-doctor listen: ${e.message} [${e.code}]\n`);
      if (json) io.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.message } }, null, 2)}\n`);
      return 4;
    }
    throw e;
  }
  if (!server || !against) {
    io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatClientOffer(report));
    return listenExitCode(report);
  }
  const items = compareWithServer(report, server);
  if (json)
    io.stdout.write(`${JSON.stringify({ ...report, against: againstJson(against, server, items) }, null, 2)}\n`);
  else io.stdout.write(formatClientOffer(report) + formatComparison(against.display, items));
  const code = listenExitCode(report);
  return code === 0 && items.some((i) => i.status === 'fail') ? 3 : code;
}

function againstJson(target: Target, server: ProbeReport, items: ComparisonItem[]) {
  return {
    target: target.display,
    comparison: items,
    fixes: rankedFixes(items).map((f) => f.id),
    server: {
      requirement: server.negotiation.evidence.requirement,
      reachability: server.reachability,
      negotiation: server.negotiation,
      certificate: server.certificate,
      ntlm: server.ntlm,
      findings: server.findings,
    },
  };
}

export const listenCommand: Command = {
  name: 'listen',
  usage: USAGE,
  run: runListenCommand,
};
