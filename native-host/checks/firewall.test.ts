import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCtx, fx, ps } from '../../test/fixtures/local/fixtures.js';
import { type Recording, replayExec } from '../exec/exec.js';
import type { LocalContext } from '../exec/platform.js';
import {
  FIREWALL_SCRIPT,
  firewallCheck,
  parseNetstatListening,
  parseProcNetTcp,
  parseSsListening,
} from './firewall.js';

const netstat = (file: string): Recording => ({ command: 'netstat.exe', args: ['-an'], stdout: fx(file) });
const D = 'windows/firewall/';

const realLinux = (): LocalContext => ({ signal: new AbortController().signal, platform: 'linux' });

describe('firewall', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    server = undefined;
  });

  it('Linux, for real: sees a listener on a loopback port, then its absence', async () => {
    server = createServer();
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    const on = await firewallCheck.run({ timeoutMs: 5000, port }, realLinux());
    // The verdict depends on whether this machine's firewall rules can be read; a listener alone is never a pass.
    expect(['pass', 'skipped', 'fail']).toContain(on.status);
    if (on.status !== 'fail') expect(on.evidence.firewall).toBeDefined();
    expect(on.findings[0]).toMatchObject({ id: 'rdp-port-listening', rulesOut: ['port-closed'] });
    expect(on.evidence.listeners).toEqual([{ address: '127.0.0.1', port }]);
    await new Promise<void>((done) => server!.close(() => done()));
    server = undefined;
    const off = await firewallCheck.run({ timeoutMs: 5000, port }, realLinux());
    expect(off.status).toBe('warn');
    expect(off.findings[0]?.id).toBe('port-not-listening');
  });

  it('Linux without ss, for real: reads /proc/net/tcp instead', async () => {
    server = createServer();
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    const ctx: LocalContext = { ...realLinux(), exec: replayExec([]) };
    const r = await firewallCheck.run({ timeoutMs: 5000, port }, ctx);
    expect(r.status).toBe('skipped'); // nft and iptables-save are "not installed" too: rules not checked
    expect(r.evidence.source).toBe('/proc/net/tcp (ss is not installed)');
    expect(r.evidence.listeners).toEqual([{ address: '127.0.0.1', port }]);
  });

  it('parses /proc/net/tcp and tcp6 lines', () => {
    const v4 = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 4200007F:0D3D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0',
      '   1: 0100007F:E29A 0100007F:0D3D 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1',
    ].join('\n');
    expect(parseProcNetTcp(v4)).toEqual([{ address: '127.0.0.66', port: 3389 }]);
    const v6 = [
      '  sl  local_address                         remote_address                        st',
      '   0: 00000000000000000000000000000000:0D3D 00000000000000000000000000000000:0000 0A 00000000:00000000',
    ].join('\n');
    expect(parseProcNetTcp(v6)).toEqual([{ address: '::', port: 3389 }]);
  });

  it('parses recorded ss -ltn output', () => {
    expect(parseSsListening(fx('linux/ss-ltn-rdp-listening.stdout.txt'))).toEqual([
      { address: '127.0.0.66', port: 3389 },
      { address: '0.0.0.0', port: 2024 },
    ]);
  });

  it.each([
    ['netstat-listening', 'rules-allow', 'pass', []],
    ['netstat-listening', 'rules-disabled', 'fail', ['firewall-blocks-rdp']],
    ['netstat-listening', 'rules-block', 'fail', ['firewall-blocks-rdp']],
    ['netstat-not-listening', 'rules-allow', 'fail', ['port-not-listening']],
  ])('Windows %s + %s', async (ns, rules, status, ids) => {
    const rec = ps(FIREWALL_SCRIPT, `${D}${rules}.stdout.json`);
    const ctx = fakeCtx('win32', [netstat(`${D}${ns}.stdout.txt`), rec]);
    const r = await firewallCheck.run({ timeoutMs: 5000 }, ctx);
    expect(ctx.exec.unmatched).toEqual([]);
    expect(r.status).toBe(status);
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => f.id)).toEqual(ids);
  });

  it('names the blocking rule', async () => {
    const ctx = fakeCtx('win32', [
      netstat(`${D}netstat-listening.stdout.txt`),
      ps(FIREWALL_SCRIPT, `${D}rules-block.stdout.json`),
    ]);
    const r = await firewallCheck.run({ timeoutMs: 5000 }, ctx);
    expect(r.findings.find((f) => f.id === 'firewall-blocks-rdp')?.summary).toContain(
      '"Block inbound RDP (security baseline)"',
    );
  });

  it('parses netstat listeners regardless of the localised state word', () => {
    const text = fx(`${D}netstat-listening.stdout.txt`).replace(/LISTENING/g, 'ABHÖREN');
    expect(parseNetstatListening(text).filter((l) => l.port === 3389)).toEqual([
      { address: '0.0.0.0', port: 3389 },
      { address: '[::]', port: 3389 },
    ]);
  });

  it('is skipped on macOS', async () => {
    const r = await firewallCheck.run({ timeoutMs: 5000 }, fakeCtx('darwin', []));
    expect(r.reason).toBe('this check runs on Windows and Linux; this machine runs macOS');
  });
});
