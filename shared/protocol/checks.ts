/**
 * The one registry of checks: what each check is, where it runs, on which platforms, which helper
 * capability runs it, and which causes its result speaks to. Everything that lists checks derives
 * from this table: the helper's dispatch and progress totals, the extension's Run checks,
 * `explain --host`, the diagnosis's "checks that would decide", and docs/checks.md.
 *
 * Adding a check = its file in `native-host/checks/`, its test, one line here and a catalogue entry
 * that points at it (CONTRIBUTING.md); `npm run build` lists the file in
 * `native-host/checks/implementations.ts`, typed by this table. Pure data.
 */
export type CheckPlatform = 'linux' | 'darwin' | 'win32';

/** Where a check looks: `network` talks to the target; `client` / `server` look at this machine in that role. */
export type CheckWhere = 'network' | 'client' | 'server';

export interface CheckSpec {
  /** Stable id, also the file name under `native-host/checks/`. */
  readonly id: string;
  /** Title for people. */
  readonly title: string;
  readonly where: CheckWhere;
  /** Platforms it runs on; elsewhere it reports `skipped`. */
  readonly platforms: readonly CheckPlatform[];
  /** The helper request that runs it (`probe` for the network checks, `local-checks` for this machine). */
  readonly capability: 'probe' | 'local-checks';
  /** What it looks at, in a few words (used in "checks that would decide"). */
  readonly looksAt: string;
  /**
   * Ids of the causes (`shared/catalog/causes.ts`) whose state its result can change. The protocol
   * names causes by id only, as findings do; `shared/diagnose/cause-fixes.test.ts` checks each id.
   */
  readonly decides: readonly string[];
}

const ALL: readonly CheckPlatform[] = ['linux', 'darwin', 'win32'];

/** In order: network checks (the probe's order), client checks, then server checks. Cheapest first within each. */
export const CHECK_SPECS = [
  {
    id: 'reachability',
    title: 'Reachability',
    where: 'network',
    platforms: ALL,
    capability: 'probe',
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
    id: 'negotiation',
    title: 'Security negotiation',
    where: 'network',
    platforms: ALL,
    capability: 'probe',
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
    id: 'certificate',
    title: 'TLS certificate',
    where: 'network',
    platforms: ALL,
    capability: 'probe',
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
    id: 'ntlm-info',
    title: 'Server identity and clock',
    where: 'network',
    platforms: ALL,
    capability: 'probe',
    looksAt: "the server's clock and names from its NTLM challenge",
    decides: ['clock-skew', 'kerberos-target-mismatch', 'nla-required'],
  },
  {
    id: 'rdp-clients',
    title: 'Installed Remote Desktop clients',
    where: 'client',
    platforms: ['win32', 'darwin', 'linux'],
    capability: 'local-checks',
    looksAt: 'the installed Remote Desktop clients and versions',
    decides: ['client-outdated'],
  },
  {
    id: 'credssp-policy',
    title: 'CredSSP and credential-delegation policy',
    where: 'client',
    platforms: ['win32'],
    capability: 'local-checks',
    looksAt: 'the CredSSP oracle and credential-delegation policies on this computer',
    decides: ['credssp-oracle-policy', 'credential-delegation-policy'],
  },
  {
    id: 'clock',
    title: 'Local clock',
    where: 'client',
    platforms: ['linux', 'win32', 'darwin'],
    capability: 'local-checks',
    looksAt: 'the local clock against the server time',
    decides: ['clock-skew'],
  },
  {
    id: 'proxy',
    title: 'Proxy settings',
    where: 'client',
    platforms: ['linux', 'win32', 'darwin'],
    capability: 'local-checks',
    looksAt: 'proxy settings on this computer',
    decides: ['gateway-problem', 'dns-failure'],
  },
  {
    id: 'security-products',
    title: 'Security products',
    where: 'client',
    platforms: ['win32'],
    capability: 'local-checks',
    looksAt: 'security products installed on this computer',
    decides: ['security-software-interference'],
  },
  {
    id: 'rdp-listener',
    title: 'Remote Desktop listener settings',
    where: 'server',
    platforms: ['win32'],
    capability: 'local-checks',
    looksAt: "the RDP-Tcp listener's settings and policies",
    decides: ['security-layer-mismatch', 'nla-required', 'encryption-level-mismatch', 'port-closed', 'rdp-disabled'],
  },
  {
    id: 'termservice',
    title: 'Remote Desktop Services',
    where: 'server',
    platforms: ['win32'],
    capability: 'local-checks',
    looksAt: 'the Remote Desktop services on the server',
    decides: ['rds-service-down', 'rdp-disabled'],
  },
  {
    id: 'rdp-cert-store',
    title: 'RDP certificate store',
    where: 'server',
    platforms: ['win32'],
    capability: 'local-checks',
    looksAt: 'the server\'s "Remote Desktop" certificate store and the listener thumbprint',
    decides: ['cert-expired', 'cert-not-yet-valid', 'cert-unusable'],
  },
  {
    id: 'machinekeys',
    title: 'RDP private key (MachineKeys)',
    where: 'server',
    platforms: ['win32'],
    capability: 'local-checks',
    looksAt: 'the MachineKeys folder and the RDP key file',
    decides: ['machinekeys-broken', 'cert-unusable'],
  },
  {
    id: 'firewall',
    title: 'RDP port and firewall',
    where: 'server',
    platforms: ['win32', 'linux'],
    capability: 'local-checks',
    looksAt: "the server's firewall rules for the RDP port",
    decides: ['firewall-blocks-port'],
  },
  {
    id: 'rdp-events',
    title: 'Recent RDP-related events',
    where: 'server',
    platforms: ['win32'],
    capability: 'local-checks',
    looksAt: "the server's Schannel and Remote Desktop events",
    decides: ['machinekeys-broken', 'cert-unusable', 'tls-protocol-mismatch', 'licensing-problem', 'protocol-error'],
  },
] as const satisfies readonly CheckSpec[];

export type CheckId = (typeof CHECK_SPECS)[number]['id'];

/** Every check id, in registry order. */
export const CHECK_IDS: readonly CheckId[] = CHECK_SPECS.map((c) => c.id);

const BY_ID = new Map<string, CheckSpec>(CHECK_SPECS.map((c) => [c.id, c]));

export function checkSpec(id: string): CheckSpec | undefined {
  return BY_ID.get(id);
}

/** The checks one helper request runs, in order (`probe`: the network checks; `local-checks`: `where` filters). */
export function checksOf(filter: { capability?: CheckSpec['capability']; where?: CheckWhere }): CheckId[] {
  return CHECK_SPECS.filter(
    (c) =>
      (filter.capability === undefined || c.capability === filter.capability) &&
      (filter.where === undefined || c.where === filter.where),
  ).map((c) => c.id);
}

/** The network checks the probe runs against a server, in order. */
export const PROBE_CHECKS: readonly CheckId[] = checksOf({ capability: 'probe' });
/** The checks that describe this computer as the client of a connection. */
export const CLIENT_CHECKS: readonly CheckId[] = checksOf({ where: 'client' });
/** The checks that look at this computer as the RDP server. */
export const SERVER_CHECKS: readonly CheckId[] = checksOf({ where: 'server' });
/** What Run checks (popup) and `explain --host` run: the probe, then this computer as the client. */
export const RUN_CHECKS_PLAN: readonly CheckId[] = [...PROBE_CHECKS, ...CLIENT_CHECKS];
