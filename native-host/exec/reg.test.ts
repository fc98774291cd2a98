import { describe, expect, it } from 'vitest';
import { fx } from '../../test/fixtures/local/fixtures.js';
import { replayExec } from './exec.js';
import { parseRegQuery, regArgs, regNumber, regQuery, regValue } from './reg.js';

describe('reg query', () => {
  it('builds the exact reg.exe arguments', () => {
    expect(regArgs('HKLM\\X Y', { value: 'V', recursive: true })).toEqual(['query', 'HKLM\\X Y', '/v', 'V', '/s']);
    expect(regArgs('HKLM\\X')).toEqual(['query', 'HKLM\\X']);
  });

  it('parses keys, subkeys and typed values (CRLF output)', () => {
    const keys = parseRegQuery(fx('windows/rdp-listener/rdp-tcp-default.stdout.txt'));
    const tcp = keys.get(
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CURRENTCONTROLSET\\CONTROL\\TERMINAL SERVER\\WINSTATIONS\\RDP-TCP',
    );
    expect(tcp?.get('PortNumber')).toEqual({ type: 'REG_DWORD', raw: '0xd3d', value: 3389 });
    expect(tcp?.get('MaxInstanceCount')?.value).toBe(0xffffffff);
    expect(tcp?.get('Comment')).toEqual({ type: 'REG_SZ', raw: '', value: '' });
    expect(tcp?.get('WdName')?.value).toBe('Microsoft RDP 8.0');
    expect(keys.size).toBe(2);
  });

  it('parses MULTI_SZ and BINARY', () => {
    const keys = parseRegQuery(
      '\r\nHKEY_LOCAL_MACHINE\\K\r\n    M    REG_MULTI_SZ    a\\0b c\\0\r\n    B    REG_BINARY    0A0B\r\n\r\n',
    );
    const k = keys.get('HKEY_LOCAL_MACHINE\\K');
    expect(k?.get('M')?.value).toEqual(['a', 'b c']);
    expect(k?.get('B')?.value).toBe('0A0B');
  });

  it('reads a missing key from the exit status, in any language', async () => {
    const signal = new AbortController().signal;
    const exec = replayExec([
      {
        command: 'reg.exe',
        args: ['query', 'HKLM\\Missing'],
        stderr: fx('windows/credssp-policy/reg-not-found.stderr.txt'),
        exitCode: 1,
      },
      {
        command: 'reg.exe',
        args: ['query', 'HKLM\\Fehlt'],
        stderr: fx('windows/credssp-policy/reg-not-found-de.stderr.txt'),
        exitCode: 1,
      },
      {
        command: 'reg.exe',
        args: ['query', 'HKLM\\Nai'],
        stderr: fx('windows/credssp-policy/reg-not-found-ja.stderr.txt'),
        exitCode: 1,
      },
      { command: 'reg.exe', args: ['query', 'HKLM\\Odd'], stderr: 'x\r\n', exitCode: 2 },
    ]);
    for (const key of ['HKLM\\Missing', 'HKLM\\Fehlt', 'HKLM\\Nai']) {
      const read = await regQuery(exec, key, { signal });
      expect(read.kind).toBe('absent');
      expect(regValue(read, 'X')).toBeUndefined();
    }
    const odd = await regQuery(exec, 'HKLM\\Odd', { signal });
    expect(odd).toMatchObject({ kind: 'problem', reason: '"reg.exe query HKLM\\Odd" exited with status 2: x' });
    const gone = await regQuery(exec, 'HKLM\\Other', { signal });
    expect(gone.kind === 'problem' && gone.reason).toMatch(/"reg\.exe" was not found/);
    expect(regNumber(gone, 'X')).toBeUndefined();
  });
});
