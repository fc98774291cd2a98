/**
 * `rdp-cert-store`: the certificates in `Cert:\LocalMachine\Remote Desktop` (where Windows keeps
 * the self-signed RDP certificate) and `Cert:\LocalMachine\My` (where a custom one usually lives),
 * listed with PowerShell, and the listener's `SSLCertificateSHA1Hash` (REG_BINARY thumbprint of a
 * custom certificate) read with `reg.exe query`. Concludes which certificate the listener uses,
 * whether it has expired or lacks its private key, and whether the configured thumbprint points
 * at no installed certificate.
 * Source: learn.microsoft.com/troubleshoot/windows-server/remote/remote-desktop-listener-certificate-configurations.
 */

import { plural } from '../../shared/protocol/duration.js';
import type { Finding } from '../../shared/protocol/results.js';
import { asArray, psDate, runPowerShellJson, str } from '../exec/powershell.js';
import { regQuery, regValue } from '../exec/reg.js';
import { localCheck } from './local-check.js';
import { RDP_TCP_KEY } from './rdp-listener.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export const CERT_SCRIPT = `$r = @(foreach ($s in @('Remote Desktop', 'My')) { Get-ChildItem -LiteralPath ('Cert:\\LocalMachine\\' + $s) -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ Store = $s; Thumbprint = $_.Thumbprint; Subject = $_.Subject; Issuer = $_.Issuer; NotBefore = $_.NotBefore.ToUniversalTime().ToString('o'); NotAfter = $_.NotAfter.ToUniversalTime().ToString('o'); HasPrivateKey = $_.HasPrivateKey } } }); ConvertTo-Json -Depth 3 -InputObject $r`;

/** Warn when the certificate in use expires within this many days. */
export const EXPIRY_WARN_DAYS = 30;
const DAY = 86_400_000;

export interface StoreCert {
  store: string;
  thumbprint: string;
  subject: string;
  issuer: string;
  notBefore: number | undefined;
  notAfter: number | undefined;
  hasPrivateKey: boolean | null;
}

export function parseCerts(value: unknown): StoreCert[] {
  return asArray(value).map((c) => ({
    store: str(c.Store) ?? '?',
    thumbprint: (str(c.Thumbprint) ?? '').toUpperCase(),
    subject: str(c.Subject) ?? '',
    issuer: str(c.Issuer) ?? '',
    notBefore: psDate(c.NotBefore),
    notAfter: psDate(c.NotAfter),
    hasPrivateKey: typeof c.HasPrivateKey === 'boolean' ? c.HasPrivateKey : null,
  }));
}

const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());
const describe = (c: StoreCert) => `${c.subject || '(no subject)'}, thumbprint ${c.thumbprint}, store "${c.store}"`;

export const rdpCertStoreCheck: Check = localCheck({
  id: 'rdp-cert-store',
  title: 'RDP certificate store',
  kind: 'server',
  platforms: ['win32'],
  description:
    'Lists the certificates in the "Remote Desktop" (and Personal) machine stores with expiry and thumbprint, reads the listener\'s SSLCertificateSHA1Hash, and says which certificate RDP uses, whether it expired or lacks its private key, and whether the configured thumbprint matches an installed certificate.',
  async run(_input, ctx, { deps, started }) {
    const [ps, hashRead] = await Promise.all([
      runPowerShellJson(deps.exec, CERT_SCRIPT, { signal: ctx.signal, purpose: 'list the machine certificate stores' }),
      regQuery(deps.exec, RDP_TCP_KEY, { value: 'SSLCertificateSHA1Hash', signal: ctx.signal }),
    ]);
    if (ps.kind === 'problem') return skipped(this.id, started, ps.reason);
    if (hashRead.kind === 'problem') return skipped(this.id, started, hashRead.reason);
    const certs = parseCerts(ps.value);
    const raw = regValue(hashRead, 'SSLCertificateSHA1Hash')
      ?.raw.replace(/[^0-9a-f]/gi, '')
      .toUpperCase();
    const hash = raw ? raw : undefined;
    const now = deps.now();
    const rdStore = certs.filter((c) => c.store === 'Remote Desktop');
    const findings: Finding[] = [];
    let inUse: StoreCert | undefined;
    if (hash) {
      inUse = certs.find((c) => c.thumbprint === hash);
      if (!inUse) {
        findings.push(
          finding(
            'rdp-cert-hash-mismatch',
            'fail',
            `The listener is configured for certificate ${hash} (SSLCertificateSHA1Hash), but no certificate with that thumbprint is installed; TLS connections fail until the value is removed or the certificate is installed.`,
            ['cert-unusable'],
          ),
        );
      }
    } else {
      inUse = [...rdStore].sort((a, b) => (b.notAfter ?? 0) - (a.notAfter ?? 0))[0];
      if (!inUse) {
        findings.push(
          finding(
            'rdp-cert-store-empty',
            'warn',
            'The "Remote Desktop" certificate store is empty and no custom certificate is configured. Windows creates a self-signed certificate when Remote Desktop Services starts; if the store stays empty, that creation fails (see MachineKeys and event 1057).',
            ['cert-unusable', 'machinekeys-broken'],
          ),
        );
      }
    }
    if (inUse) {
      const expired = inUse.notAfter !== undefined && inUse.notAfter < now;
      if (expired) {
        const days = Math.floor((now - inUse.notAfter!) / DAY);
        findings.push(
          finding(
            'rdp-cert-store-expired',
            'fail',
            `The RDP certificate expired ${days} day${days === 1 ? '' : 's'} ago (${describe(inUse)}).`,
            ['cert-expired'],
          ),
        );
      } else if (inUse.notBefore !== undefined && inUse.notBefore > now) {
        findings.push(
          finding(
            'rdp-cert-store-not-yet-valid',
            'fail',
            `The RDP certificate is not valid until ${iso(inUse.notBefore)} (${describe(inUse)}).`,
            ['cert-not-yet-valid', 'clock-skew'],
          ),
        );
      } else if (inUse.notAfter !== undefined && inUse.notAfter - now < EXPIRY_WARN_DAYS * DAY) {
        const days = Math.ceil((inUse.notAfter - now) / DAY);
        findings.push(
          finding(
            'rdp-cert-store-expiring-soon',
            'warn',
            `The RDP certificate expires in ${plural(days, 'day')} (${describe(inUse)}).`,
            [],
            ['cert-expired'],
          ),
        );
      }
      if (inUse.hasPrivateKey === false) {
        findings.push(
          finding(
            'rdp-cert-no-private-key',
            'fail',
            `The RDP certificate has no usable private key (${describe(inUse)}); Schannel cannot use it.`,
            ['cert-unusable', 'machinekeys-broken'],
          ),
        );
      }
      if (!findings.some((f) => f.severity === 'fail')) {
        findings.push(
          finding(
            'rdp-cert-store-valid',
            'info',
            `The RDP certificate in use is valid until ${iso(inUse.notAfter)} (${describe(inUse)}).`,
            [],
            expired ? [] : ['cert-expired', 'cert-unusable'],
          ),
        );
      }
    }
    const expiredInStore = rdStore.filter((c) => c.notAfter !== undefined && c.notAfter < now && c !== inUse);
    const evidence = {
      sslCertificateSHA1Hash: hash ?? null,
      inUse: inUse ? { ...inUse, notBefore: iso(inUse.notBefore), notAfter: iso(inUse.notAfter) } : null,
      remoteDesktopStore: rdStore.map((c) => ({ ...c, notBefore: iso(c.notBefore), notAfter: iso(c.notAfter) })),
      otherExpiredInStore: expiredInStore.length,
    };
    const summary = inUse
      ? `RDP uses ${inUse.store === 'Remote Desktop' ? 'the self-signed' : 'a custom'} certificate ${inUse.thumbprint}, valid until ${iso(inUse.notAfter)?.slice(0, 10) ?? '?'}${
          findings.some((f) => f.severity !== 'info')
            ? ` — ${findings
                .filter((f) => f.severity !== 'info')
                .map((f) => f.id)
                .join(', ')}`
            : ''
        }.`
      : hash
        ? `The configured RDP certificate ${hash} is not installed.`
        : 'No RDP certificate is present.';
    return result(this.id, started, { summary, evidence, findings });
  },
});
