import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../shared/protocol/results.js';
import { diagnose, explainText } from './engine.js';

const GOLDEN = 'Error code: 0x904 Extended error code: 0x7';

describe('popup engine adapter', () => {
  it('turns the golden paste into one event with both codes for the details', () => {
    const [ev, ...rest] = explainText(GOLDEN);
    expect(rest).toEqual([]);
    expect(ev?.actor).toBe('server');
    expect(ev?.causes[0]).toEqual({ id: 'cert-expired', title: expect.stringMatching(/expired/) });
    expect(ev?.codes.map((c) => [c.namespace, c.hex, c.decimal, c.unknown])).toEqual([
      ['disconnect-reason', '0x904', 2308, false],
      ['extended-reason', '0x7', 7, false],
    ]);
  });

  it('shows a code outside the catalogue as such, with its hex', () => {
    const [ev] = explainText('Error code: 0x9999');
    expect(ev?.codes[0]?.unknown).toBe(true);
    expect(ev?.codes[0]?.hex).toBe('0x9999');
    expect(ev?.summary).toMatch(/not in the catalogue/);
  });

  it('has nothing to diagnose for empty input', () => {
    expect(diagnose('', '', [], null)).toEqual({ verdict: '', fixes: [], causes: [], report: '' });
  });

  it('lets an expired-certificate finding move the certificate fix to the top', () => {
    const without = diagnose(GOLDEN, '', [], null);
    const cert: CheckResult = {
      checkId: 'certificate',
      status: 'fail',
      summary: 'The certificate expired 41 days ago',
      evidence: {},
      findings: [
        {
          id: 'cert-expired',
          severity: 'fail',
          summary: 'The certificate expired 41 days ago (CN=rdp.example.test, thumbprint AB)',
          supports: ['cert-expired'],
          rulesOut: [],
        },
      ],
      durationMs: 5,
    };
    const withCert = diagnose(GOLDEN, '', [cert], 'rdp.example.test:3389', { extension: '0.1.0' });
    expect(withCert.fixes[0]?.id).toBe('regenerate-rdp-certificate');
    expect(withCert.fixes[0]?.why).toMatch(/expired/);
    expect(withCert.causes[0]).toMatchObject({ id: 'cert-expired', level: 'confirmed' });
    expect(withCert.report).toContain('rdp.example.test:3389');
    expect(without.causes.find((c) => c.id === 'cert-expired')?.level).not.toBe('confirmed');
  });

  it('reads page text cautiously: a bare number is not an RDP code, a labelled one is', () => {
    const d = diagnose('', 'Build 0x904 of the portal', [], null);
    const paged = diagnose('', 'Remote Desktop Error code: 0x904 Extended error code: 0x7', [], null);
    expect(d).toEqual({ verdict: '', fixes: [], causes: [], report: '' });
    expect(paged.fixes.length).toBeGreaterThan(0);
  });
});
