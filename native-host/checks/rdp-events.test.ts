import { describe, expect, it } from 'vitest';
import { fakeCtx, fx } from '../../test/fixtures/local/fixtures.js';
import type { Recording } from '../exec/exec.js';
import { parseEvents, rdpEventsCheck, WEVTUTIL_ARGS } from './rdp-events.js';

const D = 'windows/rdp-events/';
const wevtutil = (file: string): Recording => ({ command: 'wevtutil.exe', args: WEVTUTIL_ARGS, stdout: fx(file) });

describe('rdp-events', () => {
  it('queries the System log as XML, newest first', () => {
    expect(WEVTUTIL_ARGS.slice(0, 2)).toEqual(['qe', 'System']);
    expect(WEVTUTIL_ARGS.slice(3)).toEqual(['/c:100', '/rd:true', '/f:xml']);
    expect(WEVTUTIL_ARGS[2]).toMatch(
      /^\/q:\*\[System\[.*EventID=36870.*EventID=1057.*timediff\(@SystemTime\) <= 604800000\]\]\]$/,
    );
  });

  it('no events: pass', async () => {
    const r = await rdpEventsCheck.run({ timeoutMs: 5000 }, fakeCtx('win32', [wevtutil(`${D}none.stdout.xml`)]));
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([]);
  });

  it('key-access and certificate-renewal errors', async () => {
    const r = await rdpEventsCheck.run(
      { timeoutMs: 5000 },
      fakeCtx('win32', [wevtutil(`${D}key-and-renewal-errors.stdout.xml`)]),
    );
    expect(r.status).toBe('fail');
    expect(r.summary).toBe('4 RDP-related events in the last 7 days: Schannel 36870 ×2, RCM 1058 ×1, RCM 1057 ×1.');
    const schannel = r.findings.find((f) => f.id === 'schannel-key-errors');
    expect(schannel?.supports).toContain('machinekeys-broken');
    expect(schannel?.summary).toContain('ErrorCode 0x8009030d');
    expect(r.findings.filter((f) => f.id === 'cert-renewal-failed')).toHaveLength(2);
  });

  it('fatal alerts and cipher mismatches', async () => {
    const r = await rdpEventsCheck.run(
      { timeoutMs: 5000 },
      fakeCtx('win32', [wevtutil(`${D}fatal-alerts.stdout.xml`)]),
    );
    expect(r.status).toBe('warn');
    expect(r.findings.find((f) => f.summary.startsWith('Schannel 36888 ×2'))?.summary).toContain('AlertDesc 40');
    expect(r.findings.every((f) => f.supports.includes('tls-protocol-mismatch'))).toBe(true);
  });

  it('parses unnamed Data elements', () => {
    const events = parseEvents(fx(`${D}fatal-alerts.stdout.xml`));
    expect(events.find((e) => e.provider === 'TermDD')?.data).toEqual({
      param1: '\\Device\\Termdd',
      param2: '10.0.0.7',
    });
  });

  it('wevtutil failing: skipped with its message', async () => {
    const rec: Recording = {
      command: 'wevtutil.exe',
      args: WEVTUTIL_ARGS,
      stderr: 'Failed to read events. Access is denied.\r\n',
      exitCode: 5,
    };
    const r = await rdpEventsCheck.run({ timeoutMs: 5000 }, fakeCtx('win32', [rec]));
    expect(r.status).toBe('skipped');
    expect(r.reason).toMatch(/exited with status 5: Failed to read events\. Access is denied\./);
  });
});
