/**
 * Which check would decide between the leading causes. Check ids are those of `native-host/checks/`
 * (the probe's network checks first, then local checks on the client, then checks on the server).
 */
import type { CauseId } from '../catalog/causes.js';
import { lowerFirst, shortTitle } from './text.js';
import type { NextCheck } from './types.js';

export interface CheckDecides {
  checkId: string;
  /** What it looks at, in a few words (used in the "why" line). */
  looksAt: string;
  decides: readonly CauseId[];
}

/** In order of preference: no credentials and no admin rights first. */
export const CHECK_DECIDES: readonly CheckDecides[] = [
  {
    checkId: 'reachability',
    looksAt: 'whether the name resolves and the port answers, times out or refuses',
    decides: [
      'dns-failure',
      'host-unreachable',
      'firewall-blocks-port',
      'port-closed',
      'rdp-disabled',
      'rds-service-down',
    ],
  },
  {
    checkId: 'negotiation',
    looksAt: 'which security layers the server accepts (standard RDP, TLS, NLA)',
    decides: [
      'security-layer-mismatch',
      'nla-required',
      'not-rdp-service',
      'tls-protocol-mismatch',
      'cert-unusable',
      'port-closed',
      'rds-service-down',
      'rdp-disabled',
    ],
  },
  {
    checkId: 'certificate',
    looksAt: "the server's TLS certificate (dates, issuer, name, key)",
    decides: [
      'cert-expired',
      'cert-not-yet-valid',
      'cert-untrusted',
      'cert-name-mismatch',
      'cert-weak',
      'cert-unusable',
      'machinekeys-broken',
      'tls-protocol-mismatch',
    ],
  },
  {
    checkId: 'ntlm-info',
    looksAt: "the server's clock and names from its NTLM challenge",
    decides: ['clock-skew', 'kerberos-target-mismatch', 'nla-required'],
  },
  { checkId: 'clock', looksAt: 'the local clock against the server time', decides: ['clock-skew'] },
  {
    checkId: 'credssp-policy',
    looksAt: 'the CredSSP oracle and credential-delegation policies on this computer',
    decides: ['credssp-oracle-policy', 'credential-delegation-policy'],
  },
  {
    checkId: 'rdp-clients',
    looksAt: 'the installed Remote Desktop clients and versions',
    decides: ['client-outdated'],
  },
  {
    checkId: 'security-products',
    looksAt: 'security products installed on this computer',
    decides: ['security-software-interference'],
  },
  { checkId: 'proxy', looksAt: 'proxy settings on this computer', decides: ['gateway-problem', 'dns-failure'] },
  {
    checkId: 'rdp-cert-store',
    looksAt: 'the server\'s "Remote Desktop" certificate store and the listener thumbprint',
    decides: ['cert-expired', 'cert-not-yet-valid', 'cert-unusable'],
  },
  {
    checkId: 'machinekeys',
    looksAt: 'the MachineKeys folder and the RDP key file',
    decides: ['machinekeys-broken', 'cert-unusable'],
  },
  {
    checkId: 'termservice',
    looksAt: 'the Remote Desktop services on the server',
    decides: ['rds-service-down', 'rdp-disabled'],
  },
  {
    checkId: 'rdp-listener',
    looksAt: "the RDP-Tcp listener's settings and policies",
    decides: ['security-layer-mismatch', 'nla-required', 'encryption-level-mismatch', 'port-closed', 'rdp-disabled'],
  },
  { checkId: 'firewall', looksAt: "the server's firewall rules for the RDP port", decides: ['firewall-blocks-port'] },
  {
    checkId: 'rdp-events',
    looksAt: "the server's Schannel and Remote Desktop events",
    decides: ['machinekeys-broken', 'cert-unusable', 'tls-protocol-mismatch', 'licensing-problem', 'protocol-error'],
  },
];

/** How many leading causes the suggestions look at. */
const LEADING = 4;

/**
 * Up to `max` checks not yet run, best first, that would change the likelihood of the leading causes.
 * `leading` are live causes best first with their likelihood; `ran` are check ids that already gave evidence.
 */
export function suggestChecks(
  leading: readonly { id: string; title: string; likelihood: number }[],
  ran: ReadonlySet<string>,
  max = 3,
): NextCheck[] {
  const top = leading.slice(0, LEADING);
  const scored: { check: CheckDecides; score: number; covered: typeof top; order: number }[] = [];
  CHECK_DECIDES.forEach((check, order) => {
    if (ran.has(check.checkId)) return;
    const covered = top.filter((c) => (check.decides as readonly string[]).includes(c.id));
    if (covered.length === 0) return;
    // A check that separates two leading causes is worth more than one that only speaks to one.
    const score = covered.reduce((s, c) => s + c.likelihood, 0) * (covered.length > 1 ? 1.5 : 1);
    scored.push({ check, score, covered, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, max).map(({ check, covered }) => ({
    checkId: check.checkId,
    decides: covered.map((c) => c.id),
    why:
      covered.length > 1
        ? `Looks at ${check.looksAt}: decides between ${covered.map((c) => lowerFirst(shortTitle(c.title))).join(' / ')}.`
        : `Looks at ${check.looksAt}: confirms or rules out that ${lowerFirst(shortTitle(covered[0]!.title))}.`,
  }));
}
