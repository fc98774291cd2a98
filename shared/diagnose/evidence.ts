/**
 * What each typed fact means for causes. A fact *confirms* a cause when it directly establishes it
 * (a certificate whose notAfter is past confirms "certificate expired"), *fits* a cause when it is
 * consistent with it and with others (a refused port fits "Remote Desktop off" and "service down"),
 * *rules out* a cause when it observed the contrary, and *weakens* one it makes less likely.
 * A fact says nothing about a cause it does not name: that cause stays "not checked".
 * Every finding id has an entry (the compiler demands one for each new id).
 */
import type { CauseId } from '../catalog/causes.js';
import { checkSpec } from '../protocol/checks.js';
import { MAX_CLOCK_SKEW_MS } from '../protocol/limits.js';
import type { FindingId, Severity } from '../protocol/results.js';
import type { Fact } from './facts.js';

export interface Effect {
  confirms?: readonly CauseId[];
  fits?: readonly CauseId[];
  rulesOut?: readonly CauseId[];
  weakens?: readonly CauseId[];
  /** Odds multiplier for the fitted causes when it differs from the severity's (posture facts are weak). */
  strength?: number;
  /** Per-cause multipliers that override `strength` (the usual reading first). */
  strengthOf?: Readonly<Partial<Record<CauseId, number>>>;
  /** A direct measurement of the cause's own subject: its rule-out wins over facts that only fit. */
  decisive?: boolean;
}

/** Odds multiplier of a fitted cause by the fact's severity; a confirming fact multiplies by {@link CONFIRM_FACTOR}. */
export const SEVERITY_FACTOR: Readonly<Record<Severity, number>> = { fail: 6, warn: 4, info: 3 };
export const CONFIRM_FACTOR = 20;
export const WEAKEN_FACTOR = 0.3;

/** Causes that cannot hold once the RDP listener answered on the wire: what the reachability check decides, and "not an RDP service". */
export const REACHABILITY_CAUSES: readonly CauseId[] = [
  ...((checkSpec('reachability')?.decides ?? []) as readonly CauseId[]),
  'not-rdp-service',
];
/** Something accepted the TCP connection. */
const PORT_ANSWERED: readonly CauseId[] = ['dns-failure', 'host-unreachable', 'firewall-blocks-port', 'port-closed'];
const CERT_DATE_CAUSES: readonly CauseId[] = ['cert-expired', 'cert-not-yet-valid'];
export const CERT_CAUSES: readonly CauseId[] = [
  'cert-expired',
  'cert-not-yet-valid',
  'cert-untrusted',
  'cert-name-mismatch',
  'cert-weak',
  'cert-unusable',
];
const NO_NLA: readonly CauseId[] = [
  'nla-required',
  'nla-blocks-password-change',
  'credssp-oracle-policy',
  'credential-delegation-policy',
];

/** The diagnosis's reading of each finding id. */
export const FINDING_EFFECTS: Readonly<Record<FindingId, Effect>> = {
  'dns-failed': { confirms: ['dns-failure'] },
  'port-refused': {
    fits: ['port-closed', 'rds-service-down', 'rdp-disabled'],
    rulesOut: ['dns-failure', 'host-unreachable'],
  },
  'port-timeout': {
    fits: ['firewall-blocks-port', 'host-unreachable'],
    rulesOut: ['dns-failure'],
    weakens: ['port-closed', 'rdp-disabled', 'rds-service-down'],
  },
  'host-unreachable': { confirms: ['host-unreachable'], rulesOut: ['dns-failure'] },
  'port-open': { rulesOut: PORT_ANSWERED },
  // What answered (silence, another protocol) is read from the negotiation's typed evidence.
  'not-rdp': { rulesOut: PORT_ANSWERED },
  'tls-required': { fits: ['security-layer-mismatch'], strength: 1.5 },
  'nla-required': { fits: ['nla-required'], weakens: ['security-layer-mismatch'] },
  // Posture, not a failure: only a client that insists on NLA trips over it (the negotiation's other facts say which layers fit).
  'nla-not-offered': { rulesOut: NO_NLA },
  'standard-rdp-only': {
    fits: ['security-layer-mismatch'],
    // No TLS at all: no certificate, no TLS version, no CredSSP can be involved.
    rulesOut: [
      ...CERT_CAUSES,
      'tls-protocol-mismatch',
      'nla-required',
      'credssp-oracle-policy',
      'nla-blocks-password-change',
    ],
  },
  'standard-rdp-offered': { rulesOut: ['nla-required', 'security-layer-mismatch'] },
  'ssl-cert-not-on-server': { confirms: ['cert-unusable'], fits: ['machinekeys-broken'], rulesOut: CERT_DATE_CAUSES },
  'tls-handshake-failed': {
    fits: ['tls-protocol-mismatch', 'cert-unusable', 'machinekeys-broken', 'security-software-interference'],
  },
  'tls-old-version': { fits: ['tls-protocol-mismatch'] },
  // Only the network check says these: a certificate was presented, so the key behind it works.
  'cert-expired': { confirms: ['cert-expired'], rulesOut: ['cert-not-yet-valid', 'cert-unusable'] },
  'cert-expiring-soon': { rulesOut: CERT_DATE_CAUSES },
  'cert-not-yet-valid': {
    confirms: ['cert-not-yet-valid'],
    fits: ['clock-skew'],
    rulesOut: ['cert-expired', 'cert-unusable'],
  },
  'cert-self-signed': { fits: ['cert-untrusted'], strength: 1.5 },
  'cert-name-mismatch': { confirms: ['cert-name-mismatch'] },
  'cert-weak-key': { confirms: ['cert-weak'] },
  'cert-weak-signature': { fits: ['cert-weak'] },
  'cert-valid': { rulesOut: CERT_DATE_CAUSES },
  'clock-skew': { confirms: ['clock-skew'] },
  'server-clock-in-sync': { rulesOut: ['clock-skew'], decisive: true },
  'client-outdated': { confirms: ['client-outdated'] },
  'client-not-found': {},
  'client-up-to-date': { rulesOut: ['client-outdated'], decisive: true },
  'credssp-force-updated': { fits: ['credssp-oracle-policy'] },
  'credssp-mitigated': { fits: ['credssp-oracle-policy'] },
  'credssp-vulnerable-allowed': { rulesOut: ['credssp-oracle-policy'] },
  'credential-delegation-restricted': { fits: ['credential-delegation-policy'] },
  'local-clock-unsynced': { fits: ['clock-skew'] },
  'clock-in-sync': { rulesOut: ['clock-skew'], decisive: true },
  'proxy-configured': {},
  'security-product-present': { fits: ['security-software-interference'], strength: 2 },
  'rdp-cert-store-expired': { confirms: ['cert-expired'] },
  'rdp-cert-store-expiring-soon': { rulesOut: CERT_DATE_CAUSES },
  'rdp-cert-store-not-yet-valid': { confirms: ['cert-not-yet-valid'] },
  'rdp-cert-store-empty': { fits: ['cert-unusable'] },
  'rdp-cert-store-valid': { rulesOut: CERT_DATE_CAUSES },
  'rdp-cert-hash-mismatch': { confirms: ['cert-unusable'] },
  'rdp-cert-no-private-key': { confirms: ['cert-unusable'], fits: ['machinekeys-broken'] },
  'termservice-stopped': { confirms: ['rds-service-down'] },
  'termservice-running': { rulesOut: ['rds-service-down'], decisive: true },
  'rdp-support-service-stopped': { fits: ['cert-unusable', 'rds-service-down'] },
  'rdp-disabled': { confirms: ['rdp-disabled'] },
  'rdp-enabled': { rulesOut: ['rdp-disabled'], decisive: true },
  'nla-disabled-on-server': { rulesOut: ['nla-required', 'nla-blocks-password-change'] },
  'nla-required-on-server': { fits: ['nla-required'] },
  'security-layer-rdp': { fits: ['security-layer-mismatch'] },
  'security-layer-tls': {},
  'fips-encryption-required': { fits: ['encryption-level-mismatch'] },
  'machinekeys-acl-broken': { confirms: ['machinekeys-broken'] },
  'machinekeys-key-missing': { confirms: ['machinekeys-broken'], fits: ['cert-unusable'] },
  'machinekeys-ok': { rulesOut: ['machinekeys-broken'], decisive: true },
  'firewall-blocks-rdp': { confirms: ['firewall-blocks-port'] },
  'port-not-listening': { fits: ['port-closed', 'rds-service-down'] },
  'rdp-port-listening': { rulesOut: ['port-closed', 'rds-service-down'], decisive: true },
  'schannel-key-errors': { fits: ['machinekeys-broken', 'cert-unusable'] },
  'schannel-tls-errors': { fits: ['tls-protocol-mismatch'] },
  'cert-renewal-failed': { fits: ['cert-expired', 'machinekeys-broken'] },
  'cert-not-for-server-auth': { confirms: ['cert-unusable'] },
  // Something accepts the port and then hangs up or resets: no RDP answer, nothing behind it checked.
  'connection-closed': {
    fits: ['rds-service-down', 'not-rdp-service', 'security-software-interference'],
    strengthOf: { 'rds-service-down': 4, 'not-rdp-service': 3, 'security-software-interference': 1.5 },
    rulesOut: ['dns-failure', 'host-unreachable', 'port-closed'],
  },
  'connection-reset': {
    fits: ['rds-service-down', 'not-rdp-service', 'security-software-interference', 'firewall-blocks-port'],
    strengthOf: {
      'rds-service-down': 4,
      'not-rdp-service': 3,
      'security-software-interference': 2,
      'firewall-blocks-port': 2,
    },
    rulesOut: ['dns-failure', 'host-unreachable', 'port-closed'],
  },
  // The server answered RDP, with a code or protocol nobody defines: it is RDP, its meaning unknown.
  'unknown-failure-code': { fits: ['protocol-error', 'security-layer-mismatch'], rulesOut: REACHABILITY_CAUSES },
  'unknown-protocol-selected': { fits: ['protocol-error'], rulesOut: REACHABILITY_CAUSES },
  // Unreadable facts establish nothing.
  'cert-dates-unreadable': {},
  'ntlm-time-invalid': {},
  'check-incomplete': {},
};

const ANSWER_EFFECTS = {
  rdp: { rulesOut: REACHABILITY_CAUSES },
  // A listener that accepts and never speaks: a hung Remote Desktop Services listener first; something
  // else holding the port also fits. No certificate was seen: certificate causes stay unchecked.
  // Silence before TLS is not how antivirus or TLS inspection breaks RDP (they break the TLS handshake).
  silent: {
    fits: ['rds-service-down', 'not-rdp-service'],
    strengthOf: { 'rds-service-down': 6, 'not-rdp-service': 2 },
    weakens: ['security-software-interference'],
    rulesOut: PORT_ANSWERED,
  },
  'not-rdp': { confirms: ['not-rdp-service'], rulesOut: PORT_ANSWERED },
  disconnected: {
    fits: ['rds-service-down', 'security-software-interference', 'not-rdp-service'],
    rulesOut: PORT_ANSWERED,
  },
} as const satisfies Record<string, Effect>;

/** The effect of one fact; `facts` are all facts of the case (some readings depend on others). */
export function effectOf(fact: Fact, facts: readonly Fact[]): Effect {
  switch (fact.key) {
    case 'finding':
    case 'text.finding':
      return FINDING_EFFECTS[fact.value] ?? {};
    case 'negotiation.answer':
      return ANSWER_EFFECTS[fact.value];
    case 'cert.seen':
      // A TLS handshake completed with a certificate: the listener answered, TLS versions agree and
      // the key works today. MachineKeys damage stays possible (often why renewal failed): weakened only.
      return {
        rulesOut: [...REACHABILITY_CAUSES, 'tls-protocol-mismatch', 'cert-unusable'],
        weakens: ['machinekeys-broken'],
      };
    case 'cert.notAfter':
      // A certificate in date, in use: the key behind it works and needs no renewal now.
      return fact.daysLeft !== undefined && fact.daysLeft >= 0
        ? { rulesOut: ['cert-expired', 'machinekeys-broken'] }
        : {};
    case 'cert.notBefore': {
      const notYet = facts.some((f) => f.key === 'finding' && f.value === 'cert-not-yet-valid');
      return notYet ? {} : { rulesOut: ['cert-not-yet-valid'] };
    }
    case 'cert.nameMatches':
      return fact.value ? { rulesOut: ['cert-name-mismatch'] } : { confirms: ['cert-name-mismatch'] };
    case 'cert.trusted':
      return fact.value ? { rulesOut: ['cert-untrusted'] } : {};
    case 'cert.keyBits': {
      const weak = facts.some(
        (f) => f.key === 'finding' && (f.value === 'cert-weak-key' || f.value === 'cert-weak-signature'),
      );
      return weak ? {} : { rulesOut: ['cert-weak'] };
    }
    case 'ntlm.skewMs':
      return Math.abs(fact.value) > MAX_CLOCK_SKEW_MS
        ? { confirms: ['clock-skew'] }
        : { rulesOut: ['clock-skew'], decisive: true };
    case 'check.passed':
      return PASSING_CHECK_RULES_OUT[fact.value] ? { rulesOut: PASSING_CHECK_RULES_OUT[fact.value] } : {};
    default:
      return {};
  }
}

/**
 * What a whole check's pass says about the causes it measures directly (its own subject), when no
 * finding of it speaks for itself.
 */
export const PASSING_CHECK_RULES_OUT: Readonly<Record<string, readonly CauseId[]>> = {
  clock: ['clock-skew'],
  'rdp-clients': ['client-outdated'],
  machinekeys: ['machinekeys-broken'],
  termservice: ['rds-service-down'],
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
 * Families of related causes. A cause that no detected code names, but that a failing finding
 * supports, borrows half the prior of the strongest named cause of its family (an expired
 * certificate code makes a weak certificate plausible too).
 */
export const CAUSE_FAMILIES: readonly (readonly CauseId[])[] = [
  // A certificate the server cannot use or the client refuses as invalid…
  ['cert-expired', 'cert-not-yet-valid', 'cert-weak', 'cert-unusable', 'machinekeys-broken'],
  // …and one whose identity the client cannot verify: different errors.
  ['cert-untrusted', 'cert-name-mismatch', 'revocation-check-failed', 'kerberos-target-mismatch'],
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
