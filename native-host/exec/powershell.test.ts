import { describe, expect, it } from 'vitest';
import { FIREWALL_SCRIPT } from '../checks/firewall.js';
import { CERT_SCRIPT } from '../checks/rdp-cert-store.js';
import { WINDOWS_SCRIPT } from '../checks/rdp-clients.js';
import { SECURITY_CENTER_SCRIPT } from '../checks/security-products.js';
import { SERVICES_SCRIPT } from '../checks/termservice.js';
import { replayExec } from './exec.js';
import { asArray, powershellArgs, psDate, runPowerShellJson } from './powershell.js';

const SCRIPTS = { CERT_SCRIPT, WINDOWS_SCRIPT, FIREWALL_SCRIPT, SECURITY_CENTER_SCRIPT, SERVICES_SCRIPT };

describe('PowerShell scripts', () => {
  it.each(Object.entries(SCRIPTS))(
    '%s is passed with -Command, without double quotes, ending in JSON',
    (_n, script) => {
      expect(script).not.toContain('"');
      expect(script).toMatch(/ConvertTo-Json/);
      const args = powershellArgs(script);
      expect(args.slice(0, 4)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-Command']);
      expect(args[4]?.endsWith(script)).toBe(true);
    },
  );
});

describe('runPowerShellJson', () => {
  const signal = new AbortController().signal;
  const run = (stdout: string, exitCode = 0) =>
    runPowerShellJson(replayExec([{ command: 'powershell.exe', args: powershellArgs('x'), stdout, exitCode }]), 'x', {
      signal,
      purpose: 'test',
    });

  it('parses JSON with a BOM-free body, empty output as null', async () => {
    expect(await run('{ "a":  1 }\r\n')).toMatchObject({ kind: 'ok', value: { a: 1 } });
    expect(await run('')).toMatchObject({ kind: 'ok', value: null });
  });

  it('says what it got when the output is not JSON', async () => {
    const r = await run('WARNING: something\r\n{');
    expect(r).toMatchObject({
      kind: 'problem',
      reason: 'PowerShell printed something that is not JSON: WARNING: something',
    });
  });

  it('reports a failing script with its exit status', async () => {
    const r = await run('', 1);
    expect(r.kind === 'problem' && r.reason).toMatch(/exited with status 1/);
  });

  it('normalises shapes and dates', () => {
    expect(asArray(null)).toEqual([]);
    expect(asArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asArray([{ a: 1 }, 2])).toEqual([{ a: 1 }]);
    expect(psDate('/Date(1700000000000)/')).toBe(1700000000000);
    expect(psDate('2026-11-22T00:00:00.0000000Z')).toBe(Date.parse('2026-11-22T00:00:00Z'));
    expect(psDate('soon')).toBeUndefined();
  });
});
