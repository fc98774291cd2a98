/**
 * `rdp-doctor listen` against the real FreeRDP client (xfreerdp 2.x on a private Xvfb): each
 * security setting and TLS limit of the client is reported exactly, user names are redacted unless
 * asked for, and the client's password appears nowhere in the output. Listeners bind
 * 127.0.0.100–127.0.0.108 (no shared RDP test server is started, so no live lock is needed).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientOfferReport } from '../../shared/protocol/client-offer.js';
import { type Finished, startListenCli, startXfreerdp, startXvfb, stop, stopAll } from './clients.js';

const PASSWORD = 'Tr0ub4dor&3-listen';
const USER = 'alice.listen';
let display = '';

beforeAll(async () => {
  display = (await startXvfb()).display;
});
afterAll(stopAll);

interface Run {
  report: ClientOfferReport;
  cli: Finished;
}

/** Starts the CLI on ADDRESS:3390, runs xfreerdp with `args` against it, stops xfreerdp when the CLI is done. */
async function offer(address: string, args: string[], cliArgs: string[] = []): Promise<Run> {
  const l = startListenCli(['--bind', address, '--port', '3390', '--json', '--timeout', '30000', ...cliArgs]);
  await l.ready;
  const x = startXfreerdp(display, `${address}:3390`, [`/u:${USER}`, `/p:${PASSWORD}`, ...args]);
  const cli = await l.done;
  await stop(x.child);
  const xf = await x.done;
  // The password is in xfreerdp's own command line only: never in anything the listener printed.
  expect(cli.stdout).not.toContain(PASSWORD);
  expect(cli.stderr).not.toContain(PASSWORD);
  expect(xf.stdout + xf.stderr).not.toContain(PASSWORD);
  expect(cli.code, cli.stderr).toBe(0);
  return { report: JSON.parse(cli.stdout) as ClientOfferReport, cli };
}

const tls12Suites = (r: ClientOfferReport) =>
  (r.tls?.clientHello?.cipherSuites ?? []).map((c) => c.name).filter((n) => !/^TLS_AES_|^TLS_CHACHA20_/.test(n));

describe('rdp-doctor listen with xfreerdp', { timeout: 60_000 }, () => {
  it('default settings: TLS + CredSSP offered, CredSSP version and NTLM version block read, user redacted', async () => {
    const { report, cli } = await offer('127.0.0.100', []);
    expect(report.x224).toMatchObject({ negotiation: true, requestedProtocols: 3, protocols: ['SSL', 'HYBRID'] });
    expect(report.x224?.cookie).toEqual({
      kind: 'cookie',
      value: `[redacted, ${USER.length} characters]`,
      redacted: true,
    });
    expect(cli.stdout).not.toContain(USER);
    expect(report.reached).toBe('credssp');
    expect(report.end.reason).toBe('done');
    expect(report.tls?.handshake).toMatchObject({ ok: true });
    expect(report.credssp).toMatchObject({ version: 6, token: { wrapping: 'ntlm', mechanisms: ['NTLM'] } });
    // WinPR (FreeRDP's Windows API layer) announces itself as Windows 7 SP1 in the NTLM VERSION block.
    expect(report.ntlm?.version).toMatchObject({ major: 6, minor: 1, build: 7601, revision: 15 });
    expect(report.ntlm?.flags).toContain('VERSION');
  });

  it('/sec:nla with --show-user: the mstshash cookie shows the user name', async () => {
    const { report } = await offer('127.0.0.101', ['/sec:nla'], ['--show-user']);
    expect(report.x224?.protocols).toEqual(['SSL', 'HYBRID']);
    expect(report.x224?.cookie).toEqual({ kind: 'cookie', value: USER, redacted: false });
    expect(report.reached).toBe('credssp');
  });

  it('/sec:tls: TLS only, the full ClientHello, SNI, and the MCS Connect Initial ends the run', async () => {
    const { report } = await offer('127.0.0.102', ['/sec:tls']);
    expect(report.x224).toMatchObject({ requestedProtocols: 1, protocols: ['SSL'], selected: 'SSL' });
    expect(report.tls?.clientHello?.versions).toEqual(['TLS 1.3', 'TLS 1.2', 'TLS 1.1', 'TLS 1.0']);
    expect(report.tls?.clientHello?.serverName).toBe('127.0.0.102');
    expect(report.tls?.clientHello?.cipherSuites.length).toBeGreaterThan(10);
    expect(report.reached).toBe('mcs');
    expect(report.credssp).toBeUndefined();
  });

  it('/sec:rdp: no RDP_NEG_REQ at all, standard RDP security, no TLS', async () => {
    const { report } = await offer('127.0.0.103', ['/sec:rdp']);
    expect(report.x224).toMatchObject({
      negotiation: false,
      requestedProtocols: 0,
      protocols: ['RDP'],
      selected: 'RDP',
    });
    expect(report.tls).toBeUndefined();
    expect(report.reached).toBe('mcs');
  });

  it('/sec:ext: CredSSP with early user authorization offered next to TLS and CredSSP', async () => {
    const { report } = await offer('127.0.0.104', ['/sec:ext']);
    expect(report.x224).toMatchObject({ requestedProtocols: 11, protocols: ['SSL', 'HYBRID', 'HYBRID_EX'] });
    expect(report.x224?.selected).toBe('HYBRID_EX');
  });

  it('+enforce-tlsv1_2: only TLS 1.2 offered, no TLS 1.3 suite', async () => {
    const { report } = await offer('127.0.0.105', ['/sec:tls', '+enforce-tlsv1_2']);
    expect(report.tls?.clientHello?.versions).toEqual(['TLS 1.2']);
    const names = report.tls?.clientHello?.cipherSuites.map((c) => c.name) ?? [];
    expect(names.some((n) => n.startsWith('TLS_AES_'))).toBe(false);
    expect(report.tls?.handshake).toEqual({ ok: true, version: 'TLSv1.2', cipher: expect.any(String) });
  });

  it('/tls-ciphers: exactly the configured TLS 1.2 suites, in order', async () => {
    const { report } = await offer('127.0.0.106', ['/sec:tls', '/tls-ciphers:ECDHE-RSA-AES256-GCM-SHA384:AES128-SHA']);
    expect(tls12Suites(report)).toEqual([
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_RSA_WITH_AES_128_CBC_SHA',
      'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
    ]);
  });

  it('the text report says what was offered and never shows the password', async () => {
    const l = startListenCli(['--bind', '127.0.0.107', '--port', '3390', '--timeout', '30000']);
    await l.ready;
    const x = startXfreerdp(display, '127.0.0.107:3390', [`/u:${USER}`, `/p:${PASSWORD}`, '/sec:nla']);
    const cli = await l.done;
    await stop(x.child);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/yes {2}TLS\n/);
    expect(cli.stdout).toMatch(/yes {2}CredSSP \(NLA\)\n/);
    expect(cli.stdout).toMatch(/TSRequest version: 6/);
    expect(cli.stdout).toMatch(/NTLM version block: 6\.1\.7601/);
    expect(cli.stdout + cli.stderr).not.toContain(PASSWORD);
    expect(cli.stdout + cli.stderr).not.toContain(USER);
  });
});

describe('rdp-doctor listen refuses what it must', { timeout: 30_000 }, () => {
  it('a non-loopback or non-IP bind address without --allow-remote: exit 2, nothing listens', async () => {
    // The whole table of addresses is in native-host/listen/options.test.ts; here the real CLI for two.
    for (const bind of ['0.0.0.0', 'localhost']) {
      const r = await startListenCli(['--bind', bind, '--timeout', '200']).done;
      expect(r.code, bind).toBe(2);
      expect(r.stderr).toMatch(/remote-bind-refused|invalid-bind-address/);
      expect(r.stderr).not.toMatch(/Listening on/);
    }
  });

  it('no client within --timeout: exit 1 with a complete report', async () => {
    const l = startListenCli(['--bind', '127.0.0.108', '--port', '0', '--timeout', '300', '--json']);
    const r = await l.done;
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as ClientOfferReport;
    expect(report).toMatchObject({ reached: 'none', end: { reason: 'no-client' } });
  });

  it('the port is taken: exit 4 with a typed code', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.108', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await startListenCli(['--bind', '127.0.0.108', '--port', String(port), '--timeout', '300']).done;
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/\[address-in-use\]/);
    } finally {
      blocker.close();
    }
  });
});
