import { describe, expect, it } from 'vitest';
import { lookup } from '../catalog/index.js';
import type { CheckResult, Finding } from '../protocol/results.js';
import { diagnose } from './diagnose.js';
import { diagnoseText } from './index.js';

const f = (
  id: Finding['id'],
  severity: Finding['severity'],
  supports: string[] = [],
  rulesOut: string[] = [],
): Finding => ({
  id,
  severity,
  summary: `${id} summary`,
  supports,
  rulesOut,
});
const check = (
  checkId: string,
  status: CheckResult['status'],
  findings: Finding[],
  summary = `${checkId} ran`,
): CheckResult => ({
  checkId,
  status,
  summary,
  evidence: {},
  findings,
  durationMs: 1,
});
const CODE_904_7 = [
  { namespace: 'disconnect-reason', code: 0x904 },
  { namespace: 'extended-reason', code: 0x7 },
] as const;

describe('diagnose', () => {
  it('says nothing when there is nothing to go on', () => {
    const d = diagnose({ detections: [] });
    expect(d).toMatchObject({ detections: [], causes: [], fixes: [], nextChecks: [], checks: [] });
    expect(d.generatedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('uses the given time and resolves codes with the lookup', () => {
    const d = diagnose({ detections: [...CODE_904_7], lookup, now: new Date('2026-11-22T03:00:00Z') });
    expect(d.generatedAt).toBe('2026-11-22T03:00:00.000Z');
    expect(d.detections.map((x) => [x.hex, x.name, x.known])).toEqual([
      ['0x904', 'disconnectReasonAtClientWinsockFDCLOSE', true],
      ['0x7', 'exDiscReasonServerDeniedConnection', true],
    ]);
  });

  it('shows an unknown code as not in the catalogue and does not invent causes for it', () => {
    const d = diagnose({ detections: [{ namespace: 'disconnect-reason', code: 0xabcd }], lookup });
    expect(d.detections[0]).toMatchObject({ hex: '0xABCD', known: false, causes: [] });
    expect(d.detections[0]?.summary).toMatch(/RDP Doctor does not know this code: 0xABCD \(decimal 43981\)/);
    expect(d.causes).toEqual([]);
  });

  it('counts a code repeated in the text once', () => {
    const once = diagnose({ detections: [...CODE_904_7], lookup });
    const twice = diagnose({ detections: [...CODE_904_7, ...CODE_904_7], lookup });
    expect(twice.causes).toEqual(once.causes);
    expect(twice.detections).toHaveLength(2);
  });

  it('gives likelihoods that sum to 1 over the live causes, best first', () => {
    const d = diagnose({ detections: [...CODE_904_7], lookup });
    const live = d.causes.filter((c) => !c.ruledOut);
    expect(live.reduce((t, c) => t + c.likelihood, 0)).toBeCloseTo(1, 2);
    for (let i = 1; i < live.length; i++) expect(live[i - 1]!.likelihood).toBeGreaterThanOrEqual(live[i]!.likelihood);
  });

  it('ignores skipped and errored checks', () => {
    const base = diagnose({ detections: [...CODE_904_7], lookup });
    const d = diagnose({
      detections: [...CODE_904_7],
      lookup,
      checkResults: [
        { ...check('certificate', 'skipped', [f('cert-expired', 'fail', ['cert-expired'])]), reason: 'no TLS' },
        { ...check('negotiation', 'error', [f('nla-required', 'info', ['nla-required'])]), reason: 'bug' },
      ],
    });
    expect(d.causes).toEqual(base.causes);
    expect(d.checks.map((c) => c.status)).toEqual(['skipped', 'error']);
  });

  it("reasons over its own reading of finding ids, not over the check's cause lists", () => {
    const d = diagnose({
      detections: [],
      checkResults: [check('proxy', 'warn', [f('proxy-configured', 'warn', ['gateway-problem'], ['dns-failure'])])],
    });
    expect(d.causes).toEqual([]);
  });

  it('a fact that fits a cause and another that observed the contrary leave it consistent, with both sides', () => {
    const d = diagnose({
      detections: [...CODE_904_7],
      lookup,
      checkResults: [
        {
          ...check('certificate', 'warn', [f('tls-old-version', 'warn', ['tls-protocol-mismatch'])]),
          evidence: {
            host: 'h',
            port: 3389,
            leaf: { subject: 'CN=h', notAfter: '2030-01-01T00:00:00Z', daysLeft: 300 },
          },
        },
      ],
    });
    const tls = d.causes.find((c) => c.id === 'tls-protocol-mismatch')!;
    expect(tls.state).toBe('consistent');
    expect(tls.evidenceFor.join(' ')).toMatch(/tls-old-version summary/);
    expect(tls.evidenceAgainst.join(' ')).toMatch(/completed a TLS handshake/);
  });

  it('a certificate in date rules out the certificate-date causes, naming the certificate', () => {
    const d = diagnose({
      detections: [...CODE_904_7],
      lookup,
      checkResults: [
        {
          ...check('certificate', 'pass', [], 'Certificate valid for 300 more days'),
          evidence: {
            host: 'h',
            port: 3389,
            leaf: { notAfter: '2030-01-01T00:00:00Z', notBefore: '2020-01-01T00:00:00Z', daysLeft: 300 },
          },
        },
      ],
    });
    const expired = d.causes.find((c) => c.id === 'cert-expired')!;
    expect(expired.state).toBe('ruled-out');
    expect(expired.evidenceAgainst[0]).toBe('certificate: Certificate valid for 300 more days');
    expect(d.causes.find((c) => c.id === 'cert-not-yet-valid')?.state).toBe('ruled-out');
    expect(d.fixes[0]?.id).not.toBe('regenerate-rdp-certificate');
  });

  it('a fact the text states counts as consistent, never as confirmed (only a check confirms)', () => {
    const d = diagnose({
      detections: [],
      text: '[ERROR][com.freerdp.crypto] - certificate verification failed: certificate has expired',
    });
    const expired = d.causes.find((c) => c.id === 'cert-expired')!;
    expect(expired.state).toBe('consistent');
    expect(expired.basis[0]).toMatch(/The text says "certificate has expired"/);
  });

  it('a check that saw nothing of a cause leaves it not checked, never ruled out', () => {
    const d = diagnose({
      detections: [...CODE_904_7],
      lookup,
      checkResults: [check('certificate', 'pass', [], 'Certificate fine')],
    });
    expect(d.causes.find((c) => c.id === 'cert-expired')?.state).toBe('not-checked');
  });

  it('NLA required plus an authentication error points at credentials or CredSSP policy, not at NLA itself', () => {
    const d = diagnose({
      detections: [],
      text: 'An authentication error has occurred.',
      checkResults: [check('negotiation', 'pass', [f('nla-required', 'info', ['nla-required'])])],
    });
    const top = d.causes
      .filter((c) => !c.ruledOut)
      .slice(0, 2)
      .map((c) => c.id);
    expect(top).toEqual(expect.arrayContaining(['wrong-credentials', 'credssp-oracle-policy']));
    expect(d.causes.find((c) => c.id === 'nla-required')!.evidenceAgainst.join(' ')).toMatch(/did attempt NLA/);
  });

  it('port-timeout puts the network path first and weakens certificate causes', () => {
    const d = diagnose({
      detections: [...CODE_904_7],
      lookup,
      checkResults: [
        check('reachability', 'fail', [f('port-timeout', 'fail', ['firewall-blocks-port', 'host-unreachable'])]),
      ],
    });
    expect(['open-firewall-and-nsg', 'check-host-power-and-route']).toContain(d.fixes[0]?.id);
    const expired = d.causes.find((c) => c.id === 'cert-expired')!;
    expect(expired.ruledOut).toBe(false);
    expect(expired.evidenceAgainst.join(' ')).toMatch(/port-timeout summary — the server must be reachable/);
    expect(expired.likelihood).toBeLessThan(d.causes.find((c) => c.id === 'firewall-blocks-port')!.likelihood);
  });

  it('does not offer syncing clocks for a future-dated certificate when the clocks agree', () => {
    const d = diagnose({
      detections: [...CODE_904_7],
      lookup,
      checkResults: [
        check('certificate', 'fail', [f('cert-not-yet-valid', 'fail', ['cert-not-yet-valid', 'clock-skew'])]),
        check('ntlm-info', 'pass', [f('server-clock-in-sync', 'info', [], ['clock-skew'])]),
      ],
    });
    // A direct clock measurement outweighs the certificate's hint that a clock may be wrong.
    expect(d.causes.find((c) => c.id === 'clock-skew')).toMatchObject({ ruledOut: true, likelihood: 0 });
    expect(d.fixes[0]?.id).toBe('regenerate-rdp-certificate');
    expect(d.fixes.findIndex((x) => x.id === 'sync-clock')).not.toBe(0);
  });

  it('suggests the check that decides between the leading causes when there is no evidence', () => {
    const d = diagnose({ detections: [...CODE_904_7], lookup });
    expect(d.nextChecks[0]).toMatchObject({ checkId: 'certificate' });
    expect(d.nextChecks[0]?.why).toMatch(/decides between/);
    const ran = diagnose({
      detections: [...CODE_904_7],
      lookup,
      checkResults: [check('certificate', 'warn', [f('cert-self-signed', 'warn', ['cert-untrusted'])])],
    });
    expect(ran.nextChecks.map((n) => n.checkId)).not.toContain('certificate');
  });

  it('gives every fix a why line and the first one says why it is first', () => {
    const d = diagnose({ detections: [...CODE_904_7], lookup });
    expect(d.fixes[0]?.why).toMatch(/^First because .*Suggested by: Error code 0x904/);
    expect(d.fixes.every((x) => x.why.length > 0 && x.steps.length > 0)).toBe(true);
  });
});

describe('a code read by its name', () => {
  it('ranks the causes of that name, not of another name sharing its number', () => {
    // ConnectionFailedAdTrustedRelationshipFailure and ConnectionFailedClientDisconnect are both 0x80004005.
    const r = diagnoseText('Azure Virtual Desktop: ConnectionFailedAdTrustedRelationshipFailure');
    expect(r.causes[0]?.id).toBe('domain-auth-unavailable');
    const basis = r.causes.flatMap((c) => c.basis).join('\n');
    expect(basis).toContain('(ConnectionFailedAdTrustedRelationshipFailure)');
    expect(basis).not.toContain('ConnectionFailedClientDisconnect');
  });
});
