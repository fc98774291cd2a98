/**
 * `security-products`: antivirus products registered with Windows Security Center
 * (`Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct`), and whether
 * one of them is known to interrupt RDP: products with TLS/HTTPS inspection or a network firewall
 * that users report dropping the RDP handshake. Windows Server has no Security Center; the check
 * then says so.
 *
 * productState is undocumented; its widely used decoding is: bits 12–15 of the value give the
 * real-time protection state (1 = on), bits 4–7 the signature state (0 = up to date).
 */
import type { Finding } from '../../shared/protocol/results.js';
import { asArray, runPowerShellJson, str } from '../exec/powershell.js';
import { localCheck } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export const SECURITY_CENTER_SCRIPT =
  'Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct -ErrorAction Stop | Select-Object displayName, productState, pathToSignedProductExe, timestamp | ConvertTo-Json';

/** Products whose network/TLS inspection features are reported to break RDP handshakes. */
export const INTERFERING: { match: RegExp; feature: string }[] = [
  { match: /bitdefender/i, feature: 'its firewall and encrypted-traffic scanning can flag RDP as anomalous' },
  { match: /kaspersky/i, feature: 'its encrypted-connection scanning intercepts TLS' },
  { match: /\beset\b/i, feature: 'its SSL/TLS protocol filtering intercepts TLS' },
  { match: /avast|\bavg\b/i, feature: 'its HTTPS scanning (Web Shield) intercepts TLS' },
  { match: /norton|symantec/i, feature: 'its smart firewall can block inbound and outbound RDP' },
  { match: /sophos/i, feature: 'its web protection and firewall can intercept RDP' },
  { match: /mcafee|trellix/i, feature: 'its firewall can block RDP' },
];

export interface AvProduct {
  name: string;
  productState: number | null;
  enabled: boolean | null;
  upToDate: boolean | null;
  path: string | null;
}

export function decodeProductState(state: number): { enabled: boolean; upToDate: boolean } {
  return { enabled: ((state >> 12) & 0xf) === 1, upToDate: ((state >> 4) & 0xf) === 0 };
}

export function parseAntivirus(value: unknown): AvProduct[] {
  return asArray(value).map((p) => {
    const state = typeof p.productState === 'number' ? p.productState : null;
    const decoded = state === null ? null : decodeProductState(state);
    return {
      name: str(p.displayName) ?? '(unnamed)',
      productState: state,
      enabled: decoded?.enabled ?? null,
      upToDate: decoded?.upToDate ?? null,
      path: str(p.pathToSignedProductExe) ?? null,
    };
  });
}

export const securityProductsCheck: Check = localCheck({
  id: 'security-products',
  title: 'Security products',
  kind: 'client',
  platforms: ['win32'],
  description:
    'Lists the antivirus products registered with Windows Security Center (Get-CimInstance root/SecurityCenter2 AntiVirusProduct) and flags active ones whose TLS inspection or firewall is known to interrupt RDP.',
  async run(_input, ctx, { deps, started }) {
    const ps = await runPowerShellJson(deps.exec, SECURITY_CENTER_SCRIPT, {
      signal: ctx.signal,
      purpose: 'read Windows Security Center',
    });
    if (ps.kind === 'problem') {
      const text = `${ps.exec.stderr}${ps.exec.stdout}`;
      // WBEM_E_INVALID_NAMESPACE: the HRESULT, not the translated message.
      if (/0x8004100e/i.test(text)) {
        return skipped(
          this.id,
          started,
          'Windows Security Center is not available here (Windows Server has none), so installed security products cannot be listed',
        );
      }
      return skipped(this.id, started, ps.reason);
    }
    const products = parseAntivirus(ps.value);
    const findings: Finding[] = [];
    for (const p of products) {
      if (p.enabled === false) continue;
      const known = INTERFERING.find((k) => k.match.test(p.name));
      if (known) {
        findings.push(
          finding(
            'security-product-present',
            'warn',
            `${p.name} is active: ${known.feature}. If the RDP handshake breaks, test with its network protection paused or add an exception.`,
            ['security-software-interference'],
          ),
        );
      } else if (!/windows defender|microsoft defender/i.test(p.name)) {
        findings.push(
          finding('security-product-present', 'info', `${p.name} is active (not known to interfere with RDP).`, [
            'security-software-interference',
          ]),
        );
      }
    }
    const active = products.filter((p) => p.enabled !== false).map((p) => p.name);
    const summary =
      products.length === 0
        ? 'No antivirus product is registered with Windows Security Center.'
        : `Active: ${active.join(', ') || 'none'}${findings.some((f) => f.severity === 'warn') ? ' — one is known to interfere with RDP' : ''}.`;
    return result(this.id, started, { summary, evidence: { products }, findings });
  },
});
