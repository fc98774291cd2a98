/**
 * How check results bear on causes. Each finding already names the causes it supports and rules out;
 * this module adds the diagnosis's own reading of finding ids and check statuses, so evidence counts
 * even when a check leaves those lists short, and so the rules are written down in one place.
 */
import type { CauseId } from '../catalog/causes.js';
import type { CheckResult, FindingId, Severity } from '../protocol/results.js';

/** What a finding means for causes, beyond what the finding itself says. */
export interface FindingEffect {
  supports?: readonly CauseId[];
  rulesOut?: readonly CauseId[];
  /** Causes made less likely without being excluded (multiplied by {@link WEAKEN_FACTOR}). */
  weakens?: readonly CauseId[];
  /**
   * Odds multiplier for the supported causes when it differs from the severity's: findings about a
   * server's posture (no NLA, self-signed certificate) are true but rarely why a connection failed.
   */
  strength?: number;
}

/** Odds multiplier for a cause supported by a finding of this severity. */
export const SEVERITY_FACTOR: Readonly<Record<Severity, number>> = { fail: 20, warn: 6, info: 3 };
export const WEAKEN_FACTOR = 0.3;

/** Causes that cannot hold once the server has answered the RDP negotiation or presented a certificate. */
export const REACHABILITY_CAUSES: readonly CauseId[] = [
  'dns-failure',
  'host-unreachable',
  'firewall-blocks-port',
  'port-closed',
  'rdp-disabled',
  'rds-service-down',
  'not-rdp-service',
];

const CERT_DATE_CAUSES: readonly CauseId[] = ['cert-expired', 'cert-not-yet-valid'];
const CERT_CAUSES: readonly CauseId[] = [
  'cert-expired',
  'cert-not-yet-valid',
  'cert-untrusted',
  'cert-name-mismatch',
  'cert-weak',
  'cert-unusable',
];
/** A completed TLS handshake proves the listener has a certificate and can use its private key. */
const KEY_WORKS: readonly CauseId[] = ['cert-unusable', 'machinekeys-broken'];
/**
 * A certificate with some other defect still proves the key works today; MachineKeys damage stays
 * possible (it is often why an expired certificate was not renewed), so it is only weakened.
 */
const KEY_USED = { rulesOut: ['cert-unusable'], weakens: ['machinekeys-broken'] } as const;

/** Findings that prove the RDP listener answered (negotiation reply or a certificate over TLS). */
export const SERVER_ANSWERED: ReadonlySet<FindingId> = new Set<FindingId>([
  'tls-required',
  'nla-required',
  'nla-not-offered',
  'standard-rdp-only',
  'standard-rdp-offered',
  'ssl-cert-not-on-server',
  'tls-old-version',
  'cert-expired',
  'cert-expiring-soon',
  'cert-not-yet-valid',
  'cert-self-signed',
  'cert-name-mismatch',
  'cert-weak-key',
  'cert-weak-signature',
  'cert-not-for-server-auth',
  'cert-valid',
]);

/** Findings that prove a TLS handshake with the listener completed. */
const TLS_COMPLETED: ReadonlySet<FindingId> = new Set<FindingId>([
  'cert-expired',
  'cert-expiring-soon',
  'cert-not-yet-valid',
  'cert-self-signed',
  'cert-name-mismatch',
  'cert-weak-key',
  'cert-weak-signature',
  'cert-not-for-server-auth',
  'cert-valid',
  'tls-old-version',
]);

/** The diagnosis's reading of each finding id. */
export const FINDING_EFFECTS: Readonly<Partial<Record<FindingId, FindingEffect>>> = {
  'dns-failed': { supports: ['dns-failure'] },
  'port-refused': {
    supports: ['port-closed', 'rds-service-down', 'rdp-disabled'],
    rulesOut: ['dns-failure', 'host-unreachable'],
  },
  'port-timeout': {
    supports: ['firewall-blocks-port', 'host-unreachable'],
    rulesOut: ['dns-failure'],
    weakens: ['port-closed', 'rdp-disabled', 'rds-service-down'],
  },
  'host-unreachable': { supports: ['host-unreachable'], rulesOut: ['dns-failure'] },
  'port-open': { rulesOut: ['dns-failure', 'host-unreachable', 'firewall-blocks-port', 'port-closed'] },
  'not-rdp': {
    supports: ['not-rdp-service'],
    rulesOut: [
      'dns-failure',
      'host-unreachable',
      'firewall-blocks-port',
      ...CERT_CAUSES,
      'machinekeys-broken',
      'security-layer-mismatch',
      'nla-required',
      'tls-protocol-mismatch',
      'encryption-level-mismatch',
    ],
  },
  'tls-required': { supports: ['security-layer-mismatch'], strength: 1.5 },
  'nla-required': { supports: ['nla-required'], weakens: ['security-layer-mismatch'] },
  'nla-not-offered': {
    strength: 1.5,
    rulesOut: ['nla-required', 'nla-blocks-password-change', 'credssp-oracle-policy', 'credential-delegation-policy'],
  },
  'standard-rdp-only': {
    supports: ['security-layer-mismatch'],
    rulesOut: [...CERT_CAUSES, 'machinekeys-broken', 'nla-required', 'credssp-oracle-policy'],
  },
  'ssl-cert-not-on-server': { supports: ['cert-unusable', 'machinekeys-broken'], rulesOut: CERT_DATE_CAUSES },
  'tls-handshake-failed': {
    supports: ['tls-protocol-mismatch', 'cert-unusable', 'machinekeys-broken', 'security-software-interference'],
  },
  'tls-old-version': { supports: ['tls-protocol-mismatch'], ...KEY_USED },
  'cert-expired': { supports: ['cert-expired'], rulesOut: ['cert-not-yet-valid', 'cert-unusable'] },
  'cert-expiring-soon': { rulesOut: [...CERT_DATE_CAUSES, ...KEY_WORKS] },
  'cert-not-yet-valid': { supports: ['cert-not-yet-valid', 'clock-skew'], rulesOut: ['cert-expired', 'cert-unusable'] },
  'cert-self-signed': { supports: ['cert-untrusted'], strength: 1.5, ...KEY_USED },
  'cert-name-mismatch': { supports: ['cert-name-mismatch'], strength: 2, ...KEY_USED },
  'cert-weak-key': { supports: ['cert-weak'], ...KEY_USED },
  'cert-weak-signature': { supports: ['cert-weak'], ...KEY_USED },
  'cert-not-for-server-auth': { supports: ['cert-untrusted'], ...KEY_USED },
  'cert-valid': { rulesOut: [...CERT_DATE_CAUSES, ...KEY_WORKS], weakens: ['tls-protocol-mismatch'] },
  'clock-skew': { supports: ['clock-skew'] },
  'server-clock-in-sync': { rulesOut: ['clock-skew'] },
  'client-outdated': { supports: ['client-outdated'] },
  'client-up-to-date': { rulesOut: ['client-outdated'] },
  'credssp-force-updated': { supports: ['credssp-oracle-policy'] },
  'credssp-mitigated': { supports: ['credssp-oracle-policy'] },
  'credssp-vulnerable-allowed': { rulesOut: ['credssp-oracle-policy'] },
  'credential-delegation-restricted': { supports: ['credential-delegation-policy'] },
  'local-clock-unsynced': { supports: ['clock-skew'] },
  'clock-in-sync': { rulesOut: ['clock-skew'] },
  'security-product-present': { supports: ['security-software-interference'] },
  'rdp-cert-store-expired': { supports: ['cert-expired'] },
  'rdp-cert-store-valid': { rulesOut: CERT_DATE_CAUSES },
  'rdp-cert-hash-mismatch': { supports: ['cert-unusable'] },
  'rdp-cert-no-private-key': { supports: ['cert-unusable', 'machinekeys-broken'] },
  'termservice-stopped': { supports: ['rds-service-down'] },
  'termservice-running': { rulesOut: ['rds-service-down'] },
  'rdp-support-service-stopped': { supports: ['cert-unusable', 'rds-service-down'] },
  'rdp-disabled': { supports: ['rdp-disabled'] },
  'rdp-enabled': { rulesOut: ['rdp-disabled'] },
  'nla-disabled-on-server': { rulesOut: ['nla-required', 'nla-blocks-password-change'] },
  'security-layer-rdp': { supports: ['security-layer-mismatch'] },
  'fips-encryption-required': { supports: ['encryption-level-mismatch'] },
  'machinekeys-acl-broken': { supports: ['machinekeys-broken'] },
  'machinekeys-key-missing': { supports: ['machinekeys-broken', 'cert-unusable'] },
  'machinekeys-ok': { rulesOut: ['machinekeys-broken'] },
  'firewall-blocks-rdp': { supports: ['firewall-blocks-port'] },
  'port-not-listening': { supports: ['port-closed', 'rds-service-down'] },
  'rdp-port-listening': { rulesOut: ['port-closed', 'rds-service-down'] },
  'schannel-key-errors': { supports: ['machinekeys-broken', 'cert-unusable'] },
  'cert-renewal-failed': { supports: ['cert-expired', 'machinekeys-broken'] },
};

/**
 * Findings that say the server cannot be reached at all. While one of them fails, every cause behind
 * the port is secondary: the path must be fixed first, and nothing behind it can be judged yet.
 */
export const UNREACHABLE: ReadonlySet<FindingId> = new Set<FindingId>([
  'dns-failed',
  'port-timeout',
  'port-refused',
  'host-unreachable',
]);
/** Odds multiplier for causes behind an unreachable port. */
export const BEHIND_UNREACHABLE_FACTOR = 0.1;

/**
 * Direct measurements of a cause's own subject (the clock, the service, the key store). Their
 * `rulesOut` wins over a support that another finding gives only by inference.
 */
export const DECISIVE_RULE_OUT: ReadonlySet<FindingId> = new Set<FindingId>([
  'server-clock-in-sync',
  'clock-in-sync',
  'termservice-running',
  'rdp-enabled',
  'machinekeys-ok',
  'client-up-to-date',
  'rdp-port-listening',
]);

/** The effect of a finding once the server is known to have answered / completed TLS. */
export function implicitEffect(id: FindingId): FindingEffect {
  const rulesOut: CauseId[] = [];
  if (SERVER_ANSWERED.has(id)) rulesOut.push(...REACHABILITY_CAUSES);
  if (TLS_COMPLETED.has(id)) rulesOut.push('tls-protocol-mismatch');
  return { rulesOut };
}

/**
 * What a whole check's status says when it passed without findings that speak for themselves
 * (e.g. a certificate check that passed rules out certificate causes).
 */
export const PASSING_CHECK_RULES_OUT: Readonly<Record<string, readonly CauseId[]>> = {
  reachability: ['dns-failure', 'host-unreachable', 'firewall-blocks-port', 'port-closed'],
  negotiation: REACHABILITY_CAUSES,
  certificate: [...CERT_DATE_CAUSES, 'cert-weak', ...KEY_WORKS],
  clock: ['clock-skew'],
  'ntlm-info': ['clock-skew'],
  'rdp-clients': ['client-outdated'],
  'rdp-cert-store': CERT_DATE_CAUSES,
  machinekeys: ['machinekeys-broken'],
  termservice: ['rds-service-down'],
};

/** Check results that carry evidence (skipped and errored checks say nothing about causes). */
export function usableResults(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((r) => r.status !== 'skipped' && r.status !== 'error');
}

/**
 * Families of related causes. A cause that no detected code names, but that a failing finding
 * supports, borrows half the prior of the strongest named cause of its family (an expired
 * certificate code makes a weak certificate plausible too).
 */
export const CAUSE_FAMILIES: readonly (readonly CauseId[])[] = [
  [...CERT_CAUSES, 'machinekeys-broken', 'revocation-check-failed'],
  [
    'wrong-credentials',
    'account-restricted',
    'password-expired',
    'nla-blocks-password-change',
    'no-remote-logon-right',
    'domain-auth-unavailable',
    'clock-skew',
    'entra-auth-mismatch',
    'credssp-oracle-policy',
    'credential-delegation-policy',
    'kerberos-target-mismatch',
  ],
  REACHABILITY_CAUSES,
  [
    'security-layer-mismatch',
    'nla-required',
    'tls-protocol-mismatch',
    'encryption-level-mismatch',
    'client-outdated',
    'security-software-interference',
  ],
];
