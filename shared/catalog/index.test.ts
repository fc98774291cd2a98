import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { displayCode, isKnownCode, isLowConfidence, nameNeedsContext, refsForName } from './compact.js';
import { ALL_ENTRIES } from './families.js';
import {
  describeUnknown,
  explainCode,
  formatHex,
  lookup,
  lookupByName,
  resolveFreerdpComposite,
  toSigned32,
  toUnsigned32,
} from './index.js';

describe('lookup', () => {
  it.each([
    ['disconnect-reason', 0x904, 'disconnectReasonAtClientWinsockFDCLOSE'],
    ['disconnect-reason', 516, 'disconnectReasonSocketConnectFailed'],
    ['extended-reason', 0x7, 'exDiscReasonServerDeniedConnection'],
    ['extended-reason', 0x112f, 'ERRINFO_GRAPHICS_SUBSYSTEM_FAILED'],
    ['extended-reason', 0x111f, 'ERRINFO_SECURITY_DATA_TOO_SHORT16'],
    ['negotiation-failure', 5, 'HYBRID_REQUIRED_BY_SERVER'],
    ['hresult', 0x80090302, 'SEC_E_UNSUPPORTED_FUNCTION'],
    ['hresult', 0x800759da, 'E_PROXY_RAP_ACCESSDENIED'],
    ['ntstatus', 0xc000006d, 'STATUS_LOGON_FAILURE'],
    ['avd', 267, 'ConnectionBrokenMissedHeartbeatThresholdExceeded'],
    ['freerdp', 0x0002000d, 'ERRCONNECT_CONNECT_TRANSPORT_FAILED'],
    ['freerdp', 132, 'XF_EXIT_AUTH_FAILURE'],
    ['event-id', 36870, 'Schannel 36870'],
  ] as const)('%s %s → %s', (ns, code, name) => {
    expect(lookup(ns, code)?.name).toBe(name);
  });

  it('accepts signed 32-bit values as AVD diagnostics print them', () => {
    expect(lookup('hresult', -2147467259)?.name).toBe('E_FAIL');
    expect(lookup('avd', -2146233088)?.code).toBe(0x80131500);
  });

  it('keeps the same number apart in different namespaces', () => {
    expect(lookup('disconnect-reason', 0x3)?.name).toBe('disconnectReasonByServer');
    expect(lookup('extended-reason', 0x3)?.name).toBe('exDiscReasonServerIdleTimeout');
    expect(lookup('avd', 267)?.name).not.toBe(lookup('extended-reason', 267)?.name);
  });

  it('resolves FreeRDP ERRINFO composites to the extended-reason entry', () => {
    expect(lookup('freerdp', 0x0001000c)?.name).toBe('exDiscReasonLogoffByUser');
    expect(lookup('freerdp', 65537)?.aliases).toContain('ERRINFO_RPC_INITIATED_DISCONNECT');
    const r = resolveFreerdpComposite(0x00020014);
    expect([r.cls, r.type, r.entry?.name]).toEqual([2, 0x14, 'ERRCONNECT_LOGON_FAILURE']);
  });

  it('returns undefined for codes it does not hold', () => {
    expect(lookup('disconnect-reason', 0x905)).toBeUndefined();
    expect(lookup('freerdp', 0x0001beef)).toBeUndefined();
  });
});

describe('lookupByName', () => {
  it('is case-insensitive and knows aliases', () => {
    expect(lookupByName('errinfo_logoff_by_user').map((e) => e.code)).toEqual([0xc]);
    expect(lookupByName('  SSL_REQUIRED_BY_SERVER ')[0]?.namespace).toBe('negotiation-failure');
    expect(lookupByName('SEC_E_POLICY_NTLM_ONLY')[0]?.code).toBe(0x8009035f);
    expect(lookupByName('RDGateway:ConnectionFailedServerDisconnect')[0]?.name).toBe(
      'ConnectionFailedServerDisconnect',
    );
  });

  it('finds every name that AVD logs under two numbers', () => {
    const codes = lookupByName('ConnectionFailedClientDisconnect').map((e) => e.code);
    expect(codes.sort()).toEqual([0x80004005, 0x80131500]);
  });

  it('finds name-only AVD agent errors', () => {
    const [e] = lookupByName('INVALID_REGISTRATION_TOKEN');
    expect(e?.namespace).toBe('avd');
    expect(e?.nameOnly).toBe(true);
  });

  it('returns nothing for unknown names', () => {
    expect(lookupByName('ERRINFO_NOT_A_THING')).toEqual([]);
  });
});

describe('unknown codes are shown, never hidden', () => {
  it('describes an unknown code with its hex', () => {
    const u = describeUnknown('disconnect-reason', 0x905);
    expect(u.unknown).toBe(true);
    expect(u.hex).toBe('0x905');
    expect(u.summary).toContain('0x905');
    expect(u.summary).toContain('not in the catalogue');
  });

  it('adds what the number itself tells', () => {
    expect(describeUnknown('hresult', 0x80070057).summary).toContain('Windows error 87');
    expect(describeUnknown('extended-reason', 0x2345).summary).toContain('0x1000–0x7FFF');
    expect(describeUnknown('hresult', -2146893000).hex).toBe('0x80090338');
    expect(describeUnknown('event-id', 4625).summary).toMatch(
      /^RDP Doctor does not know this code: 4625 \(0x1211\), .* not in the catalogue/,
    );
  });

  it('explainCode picks the entry or the unknown description', () => {
    expect('unknown' in explainCode('disconnect-reason', 0x904)).toBe(false);
    expect('unknown' in explainCode('disconnect-reason', 0x9999)).toBe(true);
  });
});

describe('number helpers', () => {
  it('formats hex in upper case with optional padding', () => {
    expect(formatHex(0x904)).toBe('0x904');
    expect(formatHex(0x2000d, 8)).toBe('0x0002000D');
    expect(formatHex(-2147467259)).toBe('0x80004005');
  });

  it('converts between signed and unsigned 32-bit readings', () => {
    expect(toUnsigned32(-2147467259)).toBe(0x80004005);
    expect(toSigned32(0x80131500)).toBe(-2146233088);
  });

  it('shows codes the way each family prints them', () => {
    expect(displayCode('event-id', 36870)).toBe('36870');
    expect(displayCode('freerdp', 131)).toBe('131');
    expect(displayCode('freerdp', 0x2000d)).toBe('0x0002000D');
    expect(displayCode('freerdp', 0x59e6)).toBe('0x59E6');
    expect(displayCode('avd', 267)).toBe('267');
    expect(displayCode('avd', 0x3000047)).toBe('0x3000047');
    expect(displayCode('avd', lookupByName('INVALID_REGISTRATION_TOKEN')[0]?.code ?? 0)).toBeUndefined();
    expect(displayCode('disconnect-reason', 2308)).toBe('0x904');
  });
});

describe('compact index', () => {
  it('agrees with the full catalogue', () => {
    for (const e of ALL_ENTRIES) expect(isKnownCode(e.namespace, e.code), e.name).toBe(true);
    expect(isKnownCode('freerdp', 0x0001000c)).toBe(true);
    expect(isKnownCode('disconnect-reason', 0x905)).toBe(false);
    expect(isLowConfidence('disconnect-reason', 0x207)).toBe(true);
    expect(isLowConfidence('disconnect-reason', 0x904)).toBe(false);
    expect(nameNeedsContext('sec_e_untrusted_root')).toBe(true);
    expect(nameNeedsContext('FileNotFound')).toBe(true);
    expect(nameNeedsContext('E_PROXY_RAP_ACCESSDENIED')).toBe(false);
    expect(nameNeedsContext('ERRINFO_LOGOFF_BY_USER')).toBe(false);
    expect(refsForName('hybrid_required_by_server')).toEqual([{ namespace: 'negotiation-failure', code: 5 }]);
  });

  it('bundles small and without summaries (content-script budget)', async () => {
    const out = await build({
      entryPoints: [new URL('./compact.ts', import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      platform: 'neutral',
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]?.text ?? '';
    const gz = gzipSync(code).length;
    process.stdout.write(`\ncompact.ts bundle: ${code.length} bytes minified, ${gz} bytes gzipped\n`);
    expect(code).not.toContain(lookup('disconnect-reason', 0x904)?.summary ?? '<none>');
    expect(gz).toBeLessThan(12_000);
  });
});

describe('unknown codes of the newer families', () => {
  it('says where to look next, in the family’s own number form', () => {
    expect(describeUnknown('avd', 0x3000099).summary).toContain('Activity ID');
    expect(describeUnknown('entra', 9999999).summary).toMatch(
      /^RDP Doctor does not know this code: AADSTS9999999, .*error\?code=9999999\. Where to look next: /,
    );
    expect(describeUnknown('gateway', 23099).summary).toMatch(
      /^RDP Doctor does not know this code: 23099, read as a RD Gateway event error code; it is not in the catalogue/,
    );
  });
});
