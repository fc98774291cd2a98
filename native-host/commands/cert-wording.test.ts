/**
 * How certificates read in `check` and `scan`: names once each, IPv6 abbreviated, and a certificate dated in
 * the future never shown with a healthy-looking number of days left. The probe results are the recorded
 * ones in test/fixtures/scenarios/probes (see its README); the names certificate is made here by openssl.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../shared/protocol/results.js';
import { certificateFindings, describeCertificate } from '../checks/cert-info.js';
import { identitySummary } from '../checks/ntlm-info.js';
import type { ProbeReport } from '../engines/probe.js';
import { toScanRow } from '../scan/probe-adapter.js';
import { formatRow, Summary } from '../scan/report.js';
import { formatReport } from './check.js';

function recorded(name: string): ProbeReport {
  const results: CheckResult[] = JSON.parse(
    readFileSync(new URL(`../../test/fixtures/scenarios/probes/${name}.json`, import.meta.url), 'utf8'),
  );
  const by = (id: string) => results.find((r) => r.checkId === id)!;
  return {
    target: { input: '127.0.0.152', host: '127.0.0.152', port: 3389, address: '127.0.0.152' },
    reachability: by('reachability'),
    negotiation: by('negotiation'),
    certificate: by('certificate'),
    ntlm: by('ntlm-info') ?? { checkId: 'ntlm-info', status: 'skipped', summary: '', evidence: {}, findings: [] },
    findings: results.flatMap((r) => r.findings),
    durationMs: 10,
  } as ProbeReport;
}

describe('certificate wording', () => {
  it('a not-yet-valid certificate says "not valid until …" in check and is not healthy in scan', () => {
    const r = recorded('xrdp-negotiate-notyet');
    const text = formatReport(r);
    expect(text).toMatch(/not valid until \d{4}-/);
    expect(text).not.toMatch(/days? left/);
    const row = formatRow(toScanRow(r), 'table');
    expect(row).toMatch(/not yet/);
    expect(row).not.toMatch(/\s\d{3,}\s/);
  });

  it("scan's summary counts a not-yet-valid certificate on its own, not by its days left", () => {
    const notYet = toScanRow(recorded('xrdp-negotiate-notyet'));
    expect(notYet.certificate?.daysLeft).toBeGreaterThan(0);
    const soon = { ...notYet, certificate: { daysLeft: 5 } };
    const summary = new Summary();
    summary.add(notYet);
    summary.add(soon);
    expect(summary.toJSON().certificates).toEqual({
      expired: 0,
      notYetValid: 1,
      within7Days: 1,
      within30Days: 0,
      within90Days: 0,
    });
    expect(summary.render()).toMatch(/certificates not yet valid:\s+1\n/);
    expect(summary.render()).toMatch(/expiring within 7 days:\s+1\n/);
  });

  it('lists each name once and IPv6 addresses abbreviated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-cert-'));
    try {
      const cert = join(dir, 'c.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'k.pem'),
          '-out',
          cert,
          '-days',
          '30',
          '-subj',
          '/CN=rdp.test',
          '-addext',
          'subjectAltName=DNS:rdp.test,DNS:rdp.test,IP:127.0.0.11,IP:::1',
        ],
        { stdio: 'ignore' },
      );
      const der = execFileSync('openssl', ['x509', '-in', cert, '-outform', 'DER']);
      const c = describeCertificate(new Uint8Array(der), Date.now());
      expect(c.altNames).toEqual(['rdp.test', '127.0.0.11', '::1']);
      const mismatch = certificateFindings(
        c,
        { typedName: 'other.test', nameMatches: false } as never,
        Date.now(),
      ).find((f) => f.id === 'cert-name-mismatch');
      expect(mismatch?.summary).toContain('issued to rdp.test, 127.0.0.11, ::1, not');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('identity wording', () => {
  it('the NTLM version is what the server claims, not the system it runs', () => {
    const s = identitySummary('vm', undefined, '6.1.7601', 1000);
    expect(s).toMatch(/claims Windows version 6\.1\.7601/);
    expect(s).not.toMatch(/, Windows version/);
    const text = formatReport(recorded('shadow-nla'));
    expect(text).toMatch(/Version\s+\d+\.\d+\.\d+ \(as the server claims it; not verified\)/);
  });
});

describe('negotiation wording', () => {
  it('the matrix says each row asked for one protocol alone, so it agrees with the identity line', () => {
    const text = formatReport(recorded('xrdp-negotiate-valid'));
    expect(text).toMatch(/HYBRID\s+downgraded \(asked for HYBRID alone, the server selected RDP\)/);
  });
});
