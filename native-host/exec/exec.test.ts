import { describe, expect, it } from 'vitest';
import { commandLine, realExec, replayExec, succeeded } from './exec.js';

const node = process.execPath;

describe('realExec', () => {
  it('runs a process with fixed arguments, no shell', async () => {
    const r = await realExec(node, ['-e', 'process.stdout.write(process.argv[1])', '$(echo no) ; `x` | y']);
    expect(r).toMatchObject({ outcome: 'exited', exitCode: 0, stdout: '$(echo no) ; `x` | y' });
    expect(succeeded(r)).toBe(true);
  });

  it('reports the exit status and stderr', async () => {
    const r = await realExec(node, ['-e', 'process.stderr.write("bad"); process.exit(3)']);
    expect(r).toMatchObject({ outcome: 'exited', exitCode: 3, stderr: 'bad' });
    expect(succeeded(r)).toBe(false);
  });

  it('a missing command is not-found, not an exception', async () => {
    const r = await realExec('rdp-doctor-no-such-command', ['--version']);
    expect(r).toMatchObject({ outcome: 'not-found', exitCode: null });
    expect(r.message).toContain('rdp-doctor-no-such-command');
  });

  it('kills a process that outlives its timeout', async () => {
    const r = await realExec(node, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 300 });
    expect(r.outcome).toBe('timeout');
    expect(r.message).toBe('did not finish within 300 ms');
  });

  it('stops on abort', async () => {
    const ac = new AbortController();
    const p = realExec(node, ['-e', 'process.stdout.write("go"); setInterval(() => {}, 1000)'], { signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    expect((await p).outcome).toBe('aborted');
    const again = await realExec(node, ['-e', ''], { signal: ac.signal });
    expect(again.outcome).toBe('aborted');
  });

  it('bounds the output it keeps', async () => {
    const r = await realExec(node, ['-e', 'const b = "x".repeat(65536); for (;;) process.stdout.write(b)'], {
      maxBytes: 100_000,
    });
    expect(r.outcome).toBe('too-large');
    expect(r.stdout.length).toBe(100_000);
  });

  it('passes extra environment variables', async () => {
    const r = await realExec(node, ['-e', 'process.stdout.write(process.env.RDP_DOCTOR_PORT ?? "")'], {
      env: { RDP_DOCTOR_PORT: '3390' },
    });
    expect(r.stdout).toBe('3390');
  });
});

describe('replayExec', () => {
  it('answers by exact command and arguments and records every call', async () => {
    const fake = replayExec([{ command: 'reg.exe', args: ['query', 'HKLM\\X'], stdout: 'out', exitCode: 0 }]);
    expect(await fake('reg.exe', ['query', 'HKLM\\X'])).toMatchObject({ outcome: 'exited', stdout: 'out' });
    expect(await fake('reg.exe', ['query', 'HKLM\\Y'])).toMatchObject({ outcome: 'not-found' });
    expect(fake.calls).toHaveLength(2);
    expect(fake.unmatched).toEqual(['reg.exe query HKLM\\Y']);
  });

  it('replays timeouts', async () => {
    const fake = replayExec([{ command: 'w32tm.exe', args: ['/query', '/status'], outcome: 'timeout' }]);
    expect(await fake('w32tm.exe', ['/query', '/status'])).toMatchObject({ outcome: 'timeout', exitCode: null });
  });
});

describe('commandLine', () => {
  it('quotes arguments with spaces', () => {
    expect(commandLine('reg.exe', ['query', 'HKLM\\SYSTEM\\Terminal Server', '/v', 'X'])).toBe(
      'reg.exe query "HKLM\\SYSTEM\\Terminal Server" /v X',
    );
  });
});
