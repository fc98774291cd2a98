import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect } from './index.js';
import { parseNumberToken } from './numbers.js';
import type { Detection } from './types.js';

const brief = (ds: Detection[]) => ds.map((d) => `${d.namespace}:${d.hex ?? d.name}`);

describe('number forms', () => {
  it.each([
    ['0x904', 0x904, 'hex'],
    ['0X00000904', 0x904, 'hex'],
    ['0xd06', 0xd06, 'hex'],
    ['2308', 2308, 'decimal'],
    ['-2147467259', 0x80004005, 'signed'],
    ['8009030D', 0x8009030d, 'bare-hex'],
    ['C000006D', 0xc000006d, 'bare-hex'],
  ])('%s', (token, value, form) => {
    expect(parseNumberToken(token)).toMatchObject({ value, form });
  });

  it('reads an all-digit bare HRESULT as hex when it is a known one', () => {
    expect(detect('Remote Desktop authentication failed with error 80004005').map((d) => d.hex)).toEqual([
      '0x80004005',
    ]);
  });

  it('marks the two typos seen in the wild', () => {
    expect(parseNumberToken('0x800004005')?.typo).toBe('extra-digit');
    expect(parseNumberToken('0x90x')?.typo).toBe('trailing-x');
  });

  it('rejects numbers that cannot be 32-bit codes', () => {
    expect(parseNumberToken('0x7fffe7fff700')).toBeNull();
    expect(parseNumberToken('123456789012')).toBeNull();
  });
});

describe('labels decide the namespace', () => {
  const pair = (err: string, ext: string) => `${err}: 0x904\n${ext}: 0x7`;
  it.each([
    ['en', 'Error code', 'Extended error code'],
    ['de', 'Fehlercode', 'Erweiterter Fehlercode'],
    ['fr', "Code d'erreur", "Code d'erreur étendu"],
    ['es', 'Código de error', 'Código de error extendido'],
    ['it', 'Codice di errore', 'Codice di errore esteso'],
    ['pt', 'Código de erro', 'Código de erro estendido'],
    ['nl', 'Foutcode', 'Uitgebreide foutcode'],
    ['pl', 'Kod błędu', 'Rozszerzony kod błędu'],
    ['ru', 'Код ошибки', 'Расширенный код ошибки'],
    ['ja', 'エラー コード', '拡張エラー コード'],
    ['ja (no space)', 'エラーコード', '拡張エラーコード'],
    ['zh-Hans', '错误代码', '扩展错误代码'],
    ['zh-Hant', '錯誤碼', '延伸錯誤碼'],
    ['ko', '오류 코드', '확장 오류 코드'],
  ])('%s: "%s" + "%s" is one paired event', (_lang, err, ext) => {
    const ds = detect(pair(err, ext));
    expect(brief(ds)).toEqual(['disconnect-reason:0x904', 'extended-reason:0x7']);
    expect(ds[0]?.pairedWith).toBe(1);
    expect(ds[1]?.pairedWith).toBe(0);
    expect(ds[0]?.label).toBe(err);
    expect(ds[0]?.confidence).toBe('high');
  });

  it('reads "Code:" in an authentication-error sentence as an HRESULT', () => {
    const ds = detect('An authentication error has occurred (Code: 0x80004005).');
    expect(brief(ds)).toEqual(['hresult:0x80004005']);
  });

  it('reads "protocol error (code: …)" as the server error info', () => {
    const ds = detect('Because of a protocol error (code: 0x112f), the remote session will be disconnected.');
    expect(brief(ds)).toEqual(['extended-reason:0x112F']);
    const client = detect(
      'Because of a protocol error detected at the client (code 0x1104), this session will be disconnected.',
    );
    expect(brief(client)).toEqual(['disconnect-reason:0x1104']);
  });

  it('puts an AVD-range value after "Error code" into the avd family', () => {
    expect(brief(detect('Remote Desktop\nError code: 0x3000047\nExtended error code: 0x0'))).toEqual([
      'avd:0x3000047',
      'extended-reason:0x0',
    ]);
  });

  it('reads decimal reasons printed by ActiveX hosts (the message next to it is only a low-confidence hint)', () => {
    const ds = detect('mRemoteNG: RDP disconnected!\n\nAn internal error has occurred.\nError code 2824.');
    expect(ds.map((d) => [d.namespace, d.hex, d.form, d.confidence])).toEqual([
      ['disconnect-reason', '0x408', 'message', 'low'],
      ['disconnect-reason', '0xB08', 'decimal', 'low'],
    ]);
  });

  it('reads Event IDs with an RDP event source', () => {
    const ds = detect('Source: Schannel\nEvent ID: 36870\nRemote Desktop');
    expect(brief(ds)).toEqual(['event-id:0x9006']);
  });
});

describe('FreeRDP forms', () => {
  it('merges a name and its bracketed composite into one detection', () => {
    const text = '[ERROR][com.freerdp.core] - freerdp_set_last_error ERRCONNECT_LOGON_FAILURE [0x00020014]';
    const ds = detect(text);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ namespace: 'freerdp', name: 'ERRCONNECT_LOGON_FAILURE', form: 'name' });
    expect(ds[0]?.raw).toBe('ERRCONNECT_LOGON_FAILURE [0x00020014]');
  });

  it('decodes a bare composite and the class-1 (ERRINFO) composite in decimal', () => {
    expect(brief(detect('[ERROR][com.freerdp.core] - freerdp_set_last_error 0x2000C'))).toEqual(['freerdp:0x2000C']);
    expect(brief(detect('the FreeRDP process terminates with error code 65537'))).toEqual(['extended-reason:0x1']);
  });

  it('handles the proxy trap: decimal printed after 0x', () => {
    const ds = detect('[com.freerdp.proxy.client] - received ErrorInfo PDU. code=0x00000012, message: logging off');
    expect(ds.map((d) => [d.namespace, d.hex, d.form])).toEqual([['extended-reason', '0xC', 'decimal-as-hex']]);
  });
});

describe('well-known messages', () => {
  it('recognises message texts without codes, only with RDP context', () => {
    const credssp =
      'An authentication error has occurred.\nThe function requested is not supported.\nRemote computer: 10.0.0.5\nThis could be due to CredSSP encryption oracle remediation.';
    expect([...new Set(brief(detect(credssp)))]).toEqual(['hresult:0x80090302']);
    expect(detect('An internal error has occurred.')).toEqual([]);
    expect(brief(detect('Remote Desktop Connection: An internal error has occurred.'))).toEqual([
      'disconnect-reason:0x408',
    ]);
  });
});

describe('precision', () => {
  it.each([
    ['hex colour', 'int color = 0xFF6200EE; #ff0080'],
    ['memory address', 'RIP: 0010:0xffffffffc0a1b2c3 do_something+0x14/0x40'],
    ['GUID', 'Activity ID: 7DE2AD3F-5D6C-46D2-89AA-A40EB1900000'],
    ['timestamp', 'Timestamp (UTC): 07/19/25 03:14:35 AM'],
    ['Xbox', 'Installing the Xbox app throws an 0x406 error'],
    ['Windows Update', 'Windows Update failed with error code 0x80070005'],
    ['git schannel', "fatal: unable to access 'https://x/': schannel: SEC_E_UNTRUSTED_ROOT (0x80090325)"],
    ['WinRM', 'WinRM cannot process the request. The following error with errorcode 0x8009030e occurred'],
    ['short value without context', 'the value was 0x3 and then 0x406'],
    ['version numbers', 'FreeRDP version 2.0.0 (git 9460f4292), build 10.0.22000.978'],
  ])('nothing in %s', (_what, text) => {
    expect(detect(text)).toEqual([]);
  });

  it('accepts short values with RDP context, and typos with low confidence', () => {
    expect(brief(detect('Remote Desktop on Mac: 0x204 error while connecting'))).toEqual(['disconnect-reason:0x204']);
    const typo = detect('An authentication error has occurred (Code: 0x800004005).');
    expect(typo.map((d) => [d.hex, d.confidence, d.form])).toEqual([['0x80004005', 'low', 'typo']]);
  });

  it('treats the text as RDP context when the person gave it on purpose', () => {
    expect(detect('0x904')).toEqual([]);
    expect(brief(detect('0x904', { assumeRdp: true }))).toEqual(['disconnect-reason:0x904']);
  });

  it('reports unknown values with a label as "not in the catalogue" (low confidence)', () => {
    const ds = detect('Remote Desktop Connection\nError code: 0x1234\nExtended error code: 0x0');
    expect(ds[0]).toMatchObject({ namespace: 'disconnect-reason', hex: '0x1234', unknown: true, confidence: 'low' });
  });

  it('finishes on hostile input (long runs that could backtrack)', () => {
    const hostile = `${'Aa'.repeat(20000)}_ ${'A_'.repeat(20000)} ${'0x'.repeat(20000)} ${'1'.repeat(50000)}`;
    expect(Array.isArray(detect(hostile))).toBe(true);
  });

  it('caps the number of detections', () => {
    const many = 'Remote Desktop Error code: 0x904\n'.repeat(50);
    expect(detect(many, { maxDetections: 10 })).toHaveLength(10);
  });
});

describe('properties (fast-check)', () => {
  const pieces = [
    'Error code: ',
    'Extended error code: ',
    '0x',
    '904',
    '0x80090302',
    'ERRCONNECT_LOGON_FAILURE ',
    '[0x00020014]',
    '-2147467259',
    'Remote Desktop ',
    'xbox ',
    ' ',
    '\n',
    '(',
    ')',
    'ConnectionBroken (8)',
    '错误代码：',
    'Code: ',
    'An internal error has occurred',
  ];
  const text = fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 40 })
    .map((a) => a.join(''));

  it('never throws, and every detection points at its own text', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, assumeRdp) => {
        const ds = detect(t, { assumeRdp });
        let last = -1;
        ds.forEach((d, i) => {
          expect(d.span[0]).toBeGreaterThanOrEqual(0);
          expect(d.span[1]).toBeLessThanOrEqual(t.length);
          expect(t.slice(d.span[0], d.span[1])).toBe(d.raw);
          expect(d.span[0]).toBeGreaterThanOrEqual(last);
          last = d.span[0];
          expect(d.code).toBe(d.code >>> 0);
          if (d.pairedWith !== undefined) expect(ds[d.pairedWith]?.pairedWith).toBe(i);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('localised authentication sentence', () => {
  it('reads the zh-CN "（代码：…）" form (github.com/slorelee/wimbuilder2/issues/61) as an HRESULT, unknown ones as low', () => {
    const ds = detect('在局域网中远程桌面连接时提示：\n发生身份验证错误（代码：0x80010105）');
    expect(ds.map((d) => [d.namespace, d.hex, d.unknown === true, d.confidence])).toEqual([
      ['hresult', '0x80010105', true, 'low'],
    ]);
  });
});

describe('codes inside messages', () => {
  it.each([
    ['hr=-2146893022', 'hresult:0x80090322'],
    ['HRESULT: -2146893022', 'hresult:0x80090322'],
    ['Remote Desktop: error -2147467259', 'hresult:0x80004005'],
    ['RDP client: NTSTATUS 3221225581', 'ntstatus:0xC000006D'],
    ['RDP ClientActiveX has been disconnected (Reason= 2308)', 'disconnect-reason:0x904'],
    ['ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER (0x0000000B)', 'extended-reason:0xB'],
    ['guacd[1109]: Disconnect reason code: 0x3.', 'extended-reason:0x3'],
  ])('%s', (text, want) => {
    expect(brief(detect(text, { assumeRdp: true }))).toEqual([want]);
  });

  it('reads a FreeRDP name it does not know by the number beside it', () => {
    const [d] = detect('[ERROR][com.freerdp.core] - ERRINFO_SOMETHING_NEW [0x00001234]');
    expect(d).toMatchObject({ namespace: 'extended-reason', code: 0x1234, confidence: 'low', unknown: true });
  });

  it('keeps a decimal HRESULT only next to an HRESULT word, and never a small or unknown one after "error"', () => {
    expect(detect('Remote Desktop: hr=-2146893022').map((d) => d.hex)).toEqual(['0x80090322']);
    expect(detect('Remote Desktop: session -2146893022 took 3 s')).toEqual([]);
    expect(detect('Remote Desktop: error -2147000001', { assumeRdp: true })).toEqual([]);
    expect(detect('Remote Desktop: HRESULT -2147000001', { assumeRdp: true }).map((d) => d.confidence)).toEqual([
      'low',
    ]);
    expect(detect('RDP: error 2308 in line 4', { assumeRdp: true })).toEqual([]);
  });

  it('reads "Reason=" as the client disconnect reason only in the client event', () => {
    expect(brief(detect('RDP ClientActiveX has been disconnected (Reason= 2308)'))).toEqual([
      'disconnect-reason:0x904',
    ]);
    expect(brief(detect('Session 3 has been disconnected, reason code 5', { assumeRdp: true }))).toEqual([
      'extended-reason:0x5',
    ]);
  });
});
