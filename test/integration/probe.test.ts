/**
 * The probe against real servers on loopback: xrdp (negotiate / tls / rdp × valid / expired /
 * not-yet-valid / wrong-name / weak certificates, and a TLS 1.0-only server), the FreeRDP shadow
 * server (NLA, standard RDP only, NLA with a skewed clock, NLA with an expired certificate), a closed
 * port, a silent listener and two non-RDP services. Each server's findings are asserted exactly.
 */
import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ProbeReport, runProbe } from '../../native-host/engines/probe.js';
import { openSocketCount } from '../../native-host/probe/net.js';
import type { CheckResult } from '../../shared/protocol/results.js';
import { CHECK_JSON_KEYS } from '../harness/cli.js';
import {
  missingBinaries,
  SERVER_NAMES,
  type ServerName,
  type ServerSet,
  startRdpServers,
} from '../harness/rdp-servers.js';

const execFileP = promisify(execFile);
const missing = missingBinaries(SERVER_NAMES);
if (missing.length > 0) {
  console.warn(
    `SKIPPING probe integration tests: missing ${missing.join(', ')} (apt-get install xrdp freerdp2-shadow-x11 xvfb winpr-utils faketime openssl)`,
  );
}

const NEGOTIATE = ['warn:standard-rdp-offered', 'warn:nla-not-offered', 'info:port-open'];
const TLS = ['info:tls-required', 'warn:nla-not-offered', 'info:port-open'];
const RDP_ONLY = ['warn:standard-rdp-only', 'warn:nla-not-offered', 'info:port-open'];
const CERT = {
  valid: ['warn:cert-self-signed', 'info:cert-valid'],
  expired: ['fail:cert-expired', 'warn:cert-self-signed'],
  notyet: ['fail:cert-not-yet-valid', 'warn:cert-self-signed'],
  wrongname: ['warn:cert-self-signed', 'warn:cert-name-mismatch', 'info:cert-valid'],
  weak: ['warn:cert-weak-key', 'warn:cert-weak-signature', 'warn:cert-self-signed', 'info:cert-valid'],
};
const NLA = ['info:port-open', 'info:nla-required'];
const WIN_CERT = {
  valid: ['warn:cert-self-signed', 'warn:cert-name-mismatch', 'info:cert-valid'],
  expired: ['fail:cert-expired', 'warn:cert-self-signed', 'warn:cert-name-mismatch'],
};

const EXPECTED: Record<ServerName, string[]> = {
  'xrdp-negotiate-valid': [...NEGOTIATE, ...CERT.valid],
  'xrdp-negotiate-expired': [...NEGOTIATE, ...CERT.expired],
  'xrdp-negotiate-notyet': [...NEGOTIATE, ...CERT.notyet],
  'xrdp-negotiate-wrongname': [...NEGOTIATE, ...CERT.wrongname],
  'xrdp-negotiate-weak': [...NEGOTIATE, ...CERT.weak],
  'xrdp-tls-valid': [...TLS, ...CERT.valid],
  'xrdp-tls-expired': [...TLS, ...CERT.expired],
  'xrdp-tls-notyet': [...TLS, ...CERT.notyet],
  'xrdp-tls-wrongname': [...TLS, ...CERT.wrongname],
  'xrdp-tls-weak': [...TLS, ...CERT.weak],
  'xrdp-rdp-valid': RDP_ONLY,
  'xrdp-rdp-expired': RDP_ONLY,
  'xrdp-rdp-notyet': RDP_ONLY,
  'xrdp-rdp-wrongname': RDP_ONLY,
  'xrdp-rdp-weak': RDP_ONLY,
  'xrdp-tls10': [...TLS, ...CERT.valid, 'warn:tls-old-version'],
  'xrdp-tls-broken': [...TLS, 'fail:tls-handshake-failed'],
  'xrdp-tls-ca': [...TLS, 'info:cert-valid'],
  'shadow-nla': [
    ...NLA,
    'warn:cert-self-signed',
    'warn:cert-name-mismatch',
    'info:cert-valid',
    'info:server-clock-in-sync',
  ],
  'shadow-rdp': RDP_ONLY,
  'shadow-nla-skewed': [
    ...NLA,
    'warn:cert-self-signed',
    'warn:cert-name-mismatch',
    'info:cert-valid',
    'fail:clock-skew',
  ],
  'shadow-nla-expired': [...NLA, 'fail:cert-expired', 'warn:cert-self-signed', 'info:server-clock-in-sync'],
  // Windows' own certificate shape, probed by IP: self-signed (no keyCertSign) and issued to the computer name.
  'xrdp-windows': [...NEGOTIATE, ...WIN_CERT.valid],
  'xrdp-windows-expired': [...NEGOTIATE, ...WIN_CERT.expired],
  'xrdp-windows-2008r2': [...TLS, ...WIN_CERT.valid, 'warn:cert-weak-signature'],
  'xrdp-windows-2008r2-expired': [...TLS, ...WIN_CERT.expired, 'warn:cert-weak-signature'],
  'shadow-windows': [...NLA, ...WIN_CERT.valid, 'info:server-clock-in-sync'],
  'shadow-windows-expired': [...NLA, ...WIN_CERT.expired, 'info:server-clock-in-sync'],
  'shadow-windows-2008r2': [...NLA, ...WIN_CERT.valid, 'warn:cert-weak-signature', 'info:server-clock-in-sync'],
  // Replayed Windows protocol bytes: NLA required, Windows' NTLM CHALLENGE, TLS 1.2 (2019) or TLS 1.0 only (2008 R2).
  'replay-windows': [...NLA, ...WIN_CERT.valid, 'info:server-clock-in-sync'],
  'replay-windows-2008r2': [
    ...NLA,
    ...WIN_CERT.valid,
    'warn:cert-weak-signature',
    'warn:tls-old-version',
    'info:server-clock-in-sync',
  ],
  closed: ['fail:port-refused'],
  silent: ['info:port-open', 'fail:not-rdp'],
  http: ['info:port-open', 'fail:not-rdp'],
  'ssh-banner': ['info:port-open', 'fail:not-rdp'],
};

const matrixOf = (r: ProbeReport) =>
  Object.fromEntries(
    (
      r.negotiation.evidence.matrix as { protocol: string; verdict: string; codeName?: string; selected?: string }[]
    ).map((m) => [m.protocol, m.verdict + (m.codeName ? `:${m.codeName}` : m.selected ? `:${m.selected}` : '')]),
  );

describe.skipIf(missing.length > 0)('probe against real RDP servers on loopback', () => {
  let set: ServerSet;
  const reports = new Map<ServerName, ProbeReport>();
  const streamed = new Map<ServerName, CheckResult[]>();

  beforeAll(async () => {
    set = await startRdpServers(SERVER_NAMES);
  }, 180_000);

  afterAll(async () => {
    await set?.stop();
  }, 60_000);

  async function probe(name: ServerName): Promise<ProbeReport> {
    const cached = reports.get(name);
    if (cached) return cached;
    const s = set.servers[name];
    const got: CheckResult[] = [];
    // Generous per-step timeout: the machine is shared; only the silent listener ever waits it out.
    const r = await runProbe(`${s.host}:${s.port}`, {
      timeoutMs: name === 'silent' ? 3000 : 15_000,
      onResult: (c) => got.push(c),
    });
    reports.set(name, r);
    streamed.set(name, got);
    return r;
  }

  it.each(SERVER_NAMES)(
    '%s: exact findings, every socket closed',
    async (name) => {
      const r = await probe(name);
      const got = r.findings.map((f) => `${f.severity}:${f.id}`).sort();
      expect(got, JSON.stringify(r.findings, null, 1)).toEqual([...EXPECTED[name]].sort());
      for (const f of r.findings) {
        expect(f.supports.length + f.rulesOut.length, `${f.id} names causes`).toBeGreaterThan(0);
      }
      expect(
        streamed
          .get(name)
          ?.map((c) => c.checkId)
          .sort(),
      ).toEqual(['certificate', 'negotiation', 'ntlm-info', 'reachability'].sort());
      await vi.waitFor(() => expect(openSocketCount()).toBe(0));
      const netHandles = () => process.getActiveResourcesInfo().filter((h) => h === 'TCPSocketWrap' || h === 'TLSWrap');
      await vi.waitFor(() => expect(netHandles()).toEqual([]), { timeout: 3000 });
    },
    120_000,
  );

  it('decodes the negotiation matrix of each security layer', async () => {
    expect(matrixOf(await probe('shadow-nla'))).toMatchObject({
      RDP: 'refused:HYBRID_REQUIRED_BY_SERVER',
      SSL: 'refused:HYBRID_REQUIRED_BY_SERVER',
      HYBRID: 'accepted',
    });
    expect(matrixOf(await probe('shadow-rdp'))).toMatchObject({
      RDP: 'accepted',
      SSL: 'refused:SSL_NOT_ALLOWED_BY_SERVER',
      HYBRID: 'refused:SSL_NOT_ALLOWED_BY_SERVER',
    });
    expect(matrixOf(await probe('xrdp-tls-valid'))).toMatchObject({
      RDP: 'refused:SSL_REQUIRED_BY_SERVER',
      SSL: 'accepted',
      HYBRID: 'refused:SSL_REQUIRED_BY_SERVER',
    });
    expect(matrixOf(await probe('xrdp-rdp-valid'))).toMatchObject({
      RDP: 'accepted',
      SSL: 'downgraded:RDP',
      HYBRID: 'downgraded:RDP',
    });
    expect(matrixOf(await probe('xrdp-negotiate-valid'))).toMatchObject({
      RDP: 'accepted',
      SSL: 'accepted',
      HYBRID: 'downgraded:RDP',
    });
    expect((await probe('shadow-nla')).negotiation.evidence.requirementText).toBe('requires NLA (CredSSP)');
    expect((await probe('xrdp-rdp-valid')).negotiation.evidence.requirementText).toMatch(
      /^offers standard RDP security only/,
    );
  }, 120_000);

  it('reports the certificate exactly as generated', async () => {
    for (const name of ['xrdp-tls-valid', 'xrdp-negotiate-expired', 'xrdp-tls-weak', 'shadow-nla'] as const) {
      const r = await probe(name);
      const cert = set.servers[name].cert!;
      const leaf = r.certificate.evidence.leaf as Record<string, unknown>;
      expect(leaf.sha1Thumbprint).toBe(cert.sha1);
      expect(leaf.notAfter).toBe(cert.notAfter.toISOString());
      expect(leaf.keyBits).toBe(cert.keyBits);
      expect(leaf.signatureHash).toBe(cert.signatureHash);
      expect(leaf.commonName).toBe(cert.commonName);
      expect(leaf.selfSigned).toBe(true);
    }
    const ca = (await probe('xrdp-tls-ca')).certificate.evidence;
    expect((ca.leaf as Record<string, unknown>).selfSigned).toBe(false);
    expect((ca.leaf as Record<string, unknown>).issuer).toBe(`CN=${set.servers['xrdp-tls-ca'].cert?.issuerCommonName}`);
    expect(ca.chain).toMatchObject([{ subject: 'CN=RDP Doctor Test CA', issuer: 'CN=RDP Doctor Test CA' }]);
    expect((ca.tls as Record<string, unknown>).trusted).toBe(false);
    const tls10 = (await probe('xrdp-tls10')).certificate.evidence.tls as Record<string, unknown>;
    expect(tls10.version).toBe('TLSv1');
    expect(tls10.modernError).toMatch(/^ERR_SSL/);
    const modern = (await probe('xrdp-tls-valid')).certificate.evidence.tls as Record<string, unknown>;
    expect(modern.version).toMatch(/^TLSv1\.[23]$/);
    expect(modern.modernError).toBeUndefined();
  }, 120_000);

  it("reports Windows' own certificate shape as self-signed, with its key usages", async () => {
    for (const name of ['xrdp-windows', 'xrdp-windows-2008r2', 'shadow-windows', 'shadow-windows-expired'] as const) {
      const e = (await probe(name)).certificate.evidence;
      const leaf = e.leaf as Record<string, unknown>;
      const cert = set.servers[name].cert!;
      expect(leaf.sha1Thumbprint).toBe(cert.sha1);
      expect(leaf.subject).toBe(`CN=${cert.commonName}`);
      expect(leaf.issuer).toBe(`CN=${cert.commonName}`);
      expect(leaf.selfSigned).toBe(true);
      expect(leaf.selfSignedBasis).toEqual({ subjectEqualsIssuer: true, signatureVerifiesWithOwnKey: true });
      expect(leaf.keyUsage).toEqual(['keyEncipherment', 'dataEncipherment']);
      expect(leaf.extendedKeyUsage).toEqual(['serverAuth']);
      expect(leaf.notForServerAuth).toBeUndefined();
      expect(leaf.signatureHash).toBe(cert.signatureHash);
      const tls = e.tls as Record<string, unknown>;
      // The TLS layer agrees for a certificate within its dates (for an expired one it reports the expiry).
      expect(tls.saysSelfSigned).toBe(name !== 'shadow-windows-expired');
    }
  }, 120_000);

  it('negotiates and reads NTLM on Windows-shaped protocol bytes', async () => {
    expect(matrixOf(await probe('replay-windows'))).toMatchObject({
      RDP: 'refused:HYBRID_REQUIRED_BY_SERVER',
      SSL: 'refused:HYBRID_REQUIRED_BY_SERVER',
      HYBRID: 'accepted',
      HYBRID_EX: 'accepted',
    });
    expect(matrixOf(await probe('replay-windows-2008r2'))).toMatchObject({ HYBRID_EX: 'downgraded:HYBRID' });
    const m = (await probe('replay-windows')).negotiation.evidence.matrix as { protocol: string; flags?: string[] }[];
    expect(m.find((x) => x.protocol === 'HYBRID')?.flags).toEqual([
      'EXTENDED_CLIENT_DATA_SUPPORTED',
      'DYNVC_GFX_PROTOCOL_SUPPORTED',
      'NEGRSP_FLAG_RESERVED',
      'RESTRICTED_ADMIN_MODE_SUPPORTED',
      'REDIRECTED_AUTHENTICATION_MODE_SUPPORTED',
    ]);
    const e = (await probe('replay-windows')).ntlm.evidence;
    expect(e).toMatchObject({
      productVersion: '10.0.17763',
      credsspVersion: 6,
      targetName: 'WIN-RDPD0CT0R19',
      nbComputerName: 'WIN-RDPD0CT0R19',
      dnsComputerName: 'WIN-RDPD0CT0R19',
    });
    expect((await probe('replay-windows-2008r2')).ntlm.evidence.productVersion).toBe('6.1.7601');
    const tls = (await probe('replay-windows-2008r2')).certificate.evidence.tls as Record<string, unknown>;
    expect(tls.version).toBe('TLSv1');
  }, 120_000);

  it('reads the NLA server identity and clock without credentials', async () => {
    const e = (await probe('shadow-nla')).ntlm.evidence;
    expect(String(e.nbComputerName).toLowerCase()).toBe(hostname().toLowerCase().slice(0, 15));
    expect(e.dnsComputerName).toBeTruthy();
    expect(e.productVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const skewed = (await probe('shadow-nla-skewed')).ntlm.evidence;
    const skewMs = Number(skewed.skewMs);
    expect(skewMs).toBeGreaterThan(115 * 60_000);
    expect(skewMs).toBeLessThan(125 * 60_000);
    const mismatch = (await probe('shadow-nla')).findings.find((f) => f.id === 'cert-name-mismatch');
    expect(mismatch?.summary).toMatch(/server's own name/);
  }, 120_000);

  it('rdp-doctor check: exit codes, --json keys, human report with findings first', async () => {
    const cli = ['tsx', 'native-host/cli.ts', 'check'];
    const expired = set.servers['xrdp-negotiate-expired'];
    const bad = await execFileP('npx', [...cli, `${expired.host}:${expired.port}`, '--json', '--timeout', '15000'], {
      timeout: 90_000,
    }).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(bad.code).toBe(3);
    const json = JSON.parse(bad.stdout);
    expect(Object.keys(json).sort()).toEqual([...CHECK_JSON_KEYS]);
    expect(json.findings[0]).toMatchObject({ id: 'cert-expired', severity: 'fail' });

    const ok = set.servers['xrdp-tls-valid'];
    const good = await execFileP('npx', [...cli, ok.host, '--timeout', '15000'], { timeout: 90_000 });
    expect(good.stdout.split('\n')[2]).toBe('Findings');
    expect(good.stdout).toMatch(/WARN {2}cert-self-signed/);
    expect(good.stdout).toMatch(/SHA-1 +[0-9A-F]{40}/);
  }, 200_000);
});
