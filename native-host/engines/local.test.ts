import { describe, expect, it } from 'vitest';
import { fx, NOW, ps, reg } from '../../test/fixtures/local/fixtures.js';
import { TS_KEY } from '../checks/rdp-listener.js';
import { CHECKS } from '../checks/registry.js';
import { SERVICES_SCRIPT } from '../checks/termservice.js';
import { replayExec } from '../exec/exec.js';
import { notOnPlatform } from '../exec/platform.js';
import { localChecks, runLocalChecks } from './local.js';

describe('runLocalChecks', () => {
  it('runs every local check once, streams each result, and skips other platforms with a reason', async () => {
    const seen: string[] = [];
    const exec = replayExec([
      { command: 'xfreerdp', args: ['--version'], stdout: fx('linux/xfreerdp--version.stdout.txt') },
      { command: 'timedatectl', args: ['show'], stdout: fx('linux/timedatectl-show-synced.stdout.txt') },
      { command: 'ss', args: ['-ltn'], stdout: fx('linux/ss-ltn-rdp-listening.stdout.txt') },
      // A firewall pass needs rules that allow the port, not only a listener.
      {
        command: 'nft',
        args: ['-j', 'list', 'ruleset'],
        stdout: fx('linux/firewall/nft-drop-policy-allow-3389.stdout.json'),
      },
    ]);
    const results = await runLocalChecks({
      signal: new AbortController().signal,
      exec,
      platform: 'linux',
      now: () => NOW,
      env: {},
      facts: { serverTime: NOW - 1000 },
      onResult: (r) => seen.push(r.checkId),
    });
    const ids = localChecks().map((c) => c.id);
    expect(results.map((r) => r.checkId)).toEqual(ids);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(ids.length).toBe(CHECKS.filter((c) => c.kind !== 'network').length);
    const byId = Object.fromEntries(results.map((r) => [r.checkId, r]));
    expect(byId['rdp-clients']?.status).toBe('pass');
    expect(byId.clock?.status).toBe('pass');
    expect(byId.firewall?.status).toBe('pass');
    expect(byId.proxy?.status).toBe('pass');
    // The checks that do not run on Linux say so; the others ran (or say their own reason).
    const notHere = CHECKS.filter((c) => c.kind !== 'network' && !c.platforms.includes('linux'));
    expect(notHere.length).toBeGreaterThan(0);
    for (const c of notHere) {
      expect(byId[c.id]).toMatchObject({ status: 'skipped', reason: notOnPlatform(c.platforms, 'linux') });
    }
    // Windows-only checks never ran a command
    expect(exec.calls.every((c) => !c.command.endsWith('.exe'))).toBe(true);
  });

  it('runs Windows checks on recorded outputs and keeps going when commands are missing', async () => {
    const exec = replayExec([
      reg(TS_KEY, { value: 'fDenyTSConnections' }, 'windows/rdp-listener/fdeny-1.stdout.txt'),
      ps(SERVICES_SCRIPT, 'windows/termservice/stopped-sessionenv-disabled.stdout.json'),
    ]);
    const results = await runLocalChecks({
      signal: new AbortController().signal,
      exec,
      platform: 'win32',
      now: () => NOW,
      env: {},
      only: ['termservice', 'rdp-listener', 'rdp-events'],
    });
    expect(results.map((r) => [r.checkId, r.status])).toEqual([
      ['rdp-listener', 'skipped'],
      ['termservice', 'fail'],
      ['rdp-events', 'skipped'],
    ]);
    expect(results[0]?.reason).toMatch(/"reg\.exe query .*RDP-Tcp"|reg\.exe/);
    expect(results[2]?.reason).toMatch(/"wevtutil\.exe" was not found/);
  });

  it('turns a check that throws into an error result instead of crashing', async () => {
    const broken = replayExec([]);
    const exec = Object.assign(
      async (...a: Parameters<typeof broken>) => {
        if (a[0] === 'scutil') throw new Error('boom');
        return broken(...a);
      },
      { calls: [], unmatched: [] },
    );
    const [r] = await runLocalChecks({
      signal: new AbortController().signal,
      exec,
      platform: 'darwin',
      only: ['proxy'],
    });
    expect(r).toMatchObject({ checkId: 'proxy', status: 'error', reason: 'internal error in check proxy: boom' });
  });

  it('caps every command at the per-check time limit', async () => {
    const seen: (number | undefined)[] = [];
    const exec = Object.assign(
      async (command: string, args: readonly string[], o?: { timeoutMs?: number }) => {
        seen.push(o?.timeoutMs);
        return {
          command,
          args,
          outcome: 'timeout' as const,
          exitCode: null,
          stdout: '',
          stderr: '',
          message: 'did not finish within 1500 ms',
        };
      },
      { calls: [], unmatched: [] },
    );
    const [r] = await runLocalChecks({
      signal: new AbortController().signal,
      exec,
      platform: 'win32',
      timeoutMs: 1500,
      only: ['rdp-events'],
    });
    expect(seen).toEqual([1500]);
    expect(r?.status).toBe('skipped');
    expect(r?.reason).toMatch(/did not finish within 1500 ms; it is needed to read the System event log/);
  });

  it('reports cancelled checks as skipped', async () => {
    const ac = new AbortController();
    ac.abort();
    const results = await runLocalChecks({ signal: ac.signal, exec: replayExec([]), platform: 'linux' });
    for (const r of results) {
      expect(r.status).toBe('skipped');
      expect(r.reason).toBeTruthy();
    }
  });
});

describe('runLocalChecks with a target', () => {
  it('skips server-side checks when the server being diagnosed is another machine', async () => {
    const exec = replayExec([{ command: 'ss', args: ['-ltn'], stdout: fx('linux/ss-ltn.stdout.txt') }]);
    const base = {
      signal: new AbortController().signal,
      exec,
      platform: 'linux' as const,
      env: {},
      only: ['firewall'],
    };
    const [other] = await runLocalChecks({ ...base, host: 'rdsh02.example.invalid' });
    expect(other).toMatchObject({ status: 'skipped' });
    expect(other?.reason).toContain('the server being diagnosed (rdsh02.example.invalid) is another machine');
    const [self] = await runLocalChecks({ ...base, host: '127.0.0.1' });
    expect(self?.status).toBe('warn');
  });
});
