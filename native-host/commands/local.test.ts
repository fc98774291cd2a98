import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLocalArgs } from './local.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'native-host', 'cli.ts');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      {
        cwd: ROOT,
        timeout: 60_000,
        env: { ...process.env, https_proxy: 'http://bob:hunter2@proxy.example.test:3128' },
      },
      (err, stdout, stderr) => {
        const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface JsonCheck {
  id: string;
  status: string;
  summary: string;
  reason?: string;
  findings: { id: string }[];
  evidence: Record<string, unknown>;
}

describe('rdp-doctor local (spawned for real)', () => {
  it('--json lists every local check; skipped ones say why', async () => {
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await cli(['local', '--json', '--port', String(port), '--server-time', new Date().toISOString()]);
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as { checks: JsonCheck[] };
      const ids = out.checks.map((c) => c.id);
      expect(ids).toEqual(
        expect.arrayContaining(['rdp-clients', 'credssp-policy', 'clock', 'proxy', 'firewall', 'machinekeys']),
      );
      for (const c of out.checks) {
        expect(['pass', 'warn', 'fail', 'skipped', 'error']).toContain(c.status);
        expect(c.summary.length).toBeGreaterThan(0);
        if (c.status === 'skipped' || c.status === 'error') expect(c.reason, c.id).toBeTruthy();
      }
      const byId = Object.fromEntries(out.checks.map((c) => [c.id, c]));
      if (process.platform === 'linux') {
        expect(byId['credssp-policy']?.reason).toBe('this check runs on Windows only; this machine runs Linux');
        expect(byId.firewall?.status).toBe('pass');
        expect(byId.firewall?.evidence.listeners).toEqual([{ address: '127.0.0.1', port }]);
        expect(byId.clock?.findings.map((f) => f.id)).toContain('clock-in-sync');
      }
      // the proxy from the environment is found, its password is not printed
      expect(byId.proxy?.findings.map((f) => f.id)).toEqual(['proxy-configured']);
      expect(r.stdout).not.toContain('hunter2');
      expect(r.code).toBe(out.checks.some((c) => c.status === 'fail') ? 3 : 0);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('prints one line per check as text', async () => {
    const r = await cli(['local', '--only', 'proxy,credssp-policy']);
    expect(r.stdout).toMatch(
      /^WARN {2}proxy {14}Proxy configured: https_proxy=http:\/\/\*\*\*@proxy\.example\.test:3128\./m,
    );
    expect(r.stdout).toMatch(/^(SKIP|PASS|WARN|FAIL) +credssp-policy /m);
  });

  it('bad options: exit 2 with a clear message', async () => {
    const r = await cli(['local', '--port', '70000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be a number from 1 to 65535, not "70000"');
  });
});

describe('parseLocalArgs', () => {
  it.each([
    [['--json'], { json: true }],
    [
      ['--port=3390', '--host', 'rdsh01.corp.example.com'],
      { json: false, port: 3390, host: 'rdsh01.corp.example.com' },
    ],
    [['--only', 'clock,proxy'], { json: false, only: ['clock', 'proxy'] }],
  ])('%j', (argv, want) => {
    expect(parseLocalArgs(argv)).toEqual(want);
  });

  it.each([
    [['--server-time', 'yesterday'], /ISO 8601/],
    [['--only', 'reachability'], /unknown check "reachability"/],
    [['--host', 'a b; rm -rf /'], /host name or IP/],
    [['--port'], /needs a value/],
    [['--frobnicate'], /unknown option/],
  ])('rejects %j', (argv, msg) => {
    expect(() => parseLocalArgs(argv)).toThrow(msg);
  });
});
