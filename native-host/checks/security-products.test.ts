import { describe, expect, it } from 'vitest';
import { fakeCtx, fx, ps } from '../../test/fixtures/local/fixtures.js';
import { decodeProductState, SECURITY_CENTER_SCRIPT, securityProductsCheck } from './security-products.js';

const D = 'windows/security-products/';

describe('security-products', () => {
  it('only Microsoft Defender: pass', async () => {
    const r = await securityProductsCheck.run(
      { timeoutMs: 5000 },
      fakeCtx('win32', [ps(SECURITY_CENTER_SCRIPT, `${D}defender-only.stdout.json`)]),
    );
    expect(r.status).toBe('pass');
    expect(r.summary).toBe('Active: Windows Defender.');
  });

  it('active Bitdefender: warn, supports security-software-interference', async () => {
    const r = await securityProductsCheck.run(
      { timeoutMs: 5000 },
      fakeCtx('win32', [ps(SECURITY_CENTER_SCRIPT, `${D}bitdefender-active.stdout.json`)]),
    );
    expect(r.status).toBe('warn');
    expect(r.findings).toEqual([
      expect.objectContaining({
        id: 'security-product-present',
        severity: 'warn',
        supports: ['security-software-interference'],
      }),
    ]);
    // Defender is registered but off (productState 393472) when a third-party product is active
    expect(r.summary).toBe('Active: Bitdefender Antivirus — one is known to interfere with RDP.');
  });

  it('Windows Server without Security Center: skipped with the reason', async () => {
    const rec = ps(SECURITY_CENTER_SCRIPT, { stderr: fx(`${D}server-no-security-center.stderr.txt`), exitCode: 1 });
    const r = await securityProductsCheck.run({ timeoutMs: 5000 }, fakeCtx('win32', [rec]));
    expect(r.status).toBe('skipped');
    expect(r.reason).toMatch(/Windows Server has none/);
  });

  it('decodes productState', () => {
    expect(decodeProductState(397568)).toEqual({ enabled: true, upToDate: true });
    expect(decodeProductState(393472)).toEqual({ enabled: false, upToDate: true });
    expect(decodeProductState(266240)).toEqual({ enabled: true, upToDate: true });
    expect(decodeProductState(397584)).toEqual({ enabled: true, upToDate: false });
  });
});
