/**
 * `machinekeys`: the private key of the self-signed RDP certificate, kept in
 * `%ProgramData%\Microsoft\Crypto\RSA\MachineKeys\f686aace6942fb7f7ceb231212eef4a4_<MachineGuid>`.
 * Reads its permissions with `Get-Acl … | ConvertTo-Json` (access rules keyed by SID, rights as the
 * FileSystemRights number) and the MachineGuid with `reg.exe query`. Remote Desktop Services runs
 * as NETWORK SERVICE and needs Read on the file; SYSTEM needs Full control. Without them Schannel
 * logs event 36870 ("fatal error … accessing the TLS server credential private key") and RDP cannot
 * create or renew its certificate (events 1057/1058).
 * Source: learn.microsoft.com/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine;
 * learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton.
 * Accounts are matched by SID only (S-1-5-18, S-1-5-20, S-1-5-32-544, S-1-1-0): account names are
 * localised (`NT-AUTORITÄT\SYSTEM`), SIDs are not. Errors are read by exception type, not message.
 */
import type { Finding } from '../../shared/protocol/results.js';
import { asArray, runPowerShellJson, str } from '../exec/powershell.js';
import { regQuery, regValue } from '../exec/reg.js';
import { localCheck } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export const RDP_KEY_PREFIX = 'f686aace6942fb7f7ceb231212eef4a4';
export const CRYPTOGRAPHY_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Cryptography';

export function machineKeysDir(env: NodeJS.ProcessEnv): string {
  return `${env.ProgramData ?? 'C:\\ProgramData'}\\Microsoft\\Crypto\\RSA\\MachineKeys`;
}

/**
 * One access rule per file: SID, allow/deny, the FileSystemRights number; `Name` is the localised
 * account name, kept for display only. Errors come back as their exception type name.
 */
export const MACHINEKEYS_SCRIPT = `$d = Join-Path $env:ProgramData 'Microsoft\\Crypto\\RSA\\MachineKeys'; try { $files = @(Get-ChildItem -LiteralPath $d -Filter '${RDP_KEY_PREFIX}_*' -Force -ErrorAction Stop | ForEach-Object { $acl = Get-Acl -LiteralPath $_.FullName -ErrorAction Stop; $names = @{}; foreach ($n in $acl.Access) { try { $names[$n.IdentityReference.Translate([Security.Principal.SecurityIdentifier]).Value] = $n.IdentityReference.Value } catch { } }; [pscustomobject]@{ Path = $_.FullName; Access = @($acl.GetAccessRules($true, $true, [Security.Principal.SecurityIdentifier]) | ForEach-Object { [pscustomobject]@{ Sid = $_.IdentityReference.Value; Name = $names[$_.IdentityReference.Value]; Deny = ($_.AccessControlType -eq 1); Rights = [int64]$_.FileSystemRights; Inherited = $_.IsInherited } }) } }); ConvertTo-Json -Depth 4 -InputObject ([ordered]@{ files = $files }) } catch { ConvertTo-Json -InputObject ([ordered]@{ error = $_.Exception.GetType().FullName; hresult = $_.Exception.HResult }) }`;

export interface Ace {
  /** Security identifier, e.g. `S-1-5-18`. */
  sid: string;
  /** The account name Windows printed (localised); for people only, never matched. */
  name: string | undefined;
  deny: boolean;
  inherited: boolean;
  /** FileSystemRights as a number (e.g. 2032127 FullControl, 131209 Read). */
  rights: number;
}

export interface KeyFileAcl {
  path: string;
  aces: Ace[];
}

export type AclRead =
  | { kind: 'files'; files: KeyFileAcl[] }
  | { kind: 'error'; type: string; hresult: number | undefined };

/** Parses the script's JSON. Undefined when the shape is not the script's. */
export function parseAclJson(v: unknown): AclRead | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') {
    return { kind: 'error', type: o.error, hresult: typeof o.hresult === 'number' ? o.hresult : undefined };
  }
  if (!('files' in o)) return undefined;
  const files = asArray(o.files).map((f) => ({
    path: str(f.Path) ?? '?',
    aces: asArray(f.Access).map((a) => ({
      sid: str(a.Sid) ?? '',
      name: str(a.Name),
      deny: a.Deny === true,
      inherited: a.Inherited === true,
      rights: typeof a.Rights === 'number' ? a.Rights : Number(a.Rights),
    })),
  }));
  return { kind: 'files', files };
}

export const SID_SYSTEM = 'S-1-5-18';
export const SID_NETWORK_SERVICE = 'S-1-5-20';
export const SID_ADMINISTRATORS = 'S-1-5-32-544';
export const SID_EVERYONE = 'S-1-1-0';
const WHO: Readonly<Record<string, string>> = {
  [SID_SYSTEM]: 'SYSTEM',
  [SID_NETWORK_SERVICE]: 'NETWORK SERVICE',
  [SID_ADMINISTRATORS]: 'Administrators',
  [SID_EVERYONE]: 'Everyone',
};

/** FileSystemRights FullControl (0x1F01FF) and the generic bits a raw ACE may carry. */
const FULL_CONTROL = 0x1f01ff;
const GENERIC_ALL = 0x10000000;
const GENERIC_READ = 0x80000000;
const READ_DATA = 0x1;

const hasFull = (r: number) => (r & FULL_CONTROL) === FULL_CONTROL || (r & GENERIC_ALL) !== 0;
const canRead = (r: number) => (r & READ_DATA) !== 0 || (r & (GENERIC_READ | GENERIC_ALL)) !== 0;

/** What is wrong with a key file's ACL, as sentences; empty when it is as RDP needs it. */
export function aclProblems(aces: Ace[]): string[] {
  const problems: string[] = [];
  const allow = (sid: string) => aces.filter((a) => a.sid === sid && !a.deny);
  for (const a of aces) {
    if (a.deny && canRead(a.rights) && [SID_SYSTEM, SID_NETWORK_SERVICE, SID_EVERYONE].includes(a.sid)) {
      problems.push(`${WHO[a.sid]} (${a.sid}) is explicitly denied access (rights 0x${a.rights.toString(16)})`);
    }
  }
  if (!allow(SID_SYSTEM).some((a) => hasFull(a.rights))) problems.push('SYSTEM does not have Full control');
  if (!allow(SID_NETWORK_SERVICE).some((a) => canRead(a.rights))) {
    problems.push('NETWORK SERVICE cannot read the key (Remote Desktop Services runs as NETWORK SERVICE)');
  }
  if (!allow(SID_ADMINISTRATORS).some((a) => hasFull(a.rights)))
    problems.push('Administrators do not have Full control');
  return problems;
}

export const machinekeysCheck: Check = localCheck({
  id: 'machinekeys',
  title: 'RDP private key (MachineKeys)',
  kind: 'server',
  platforms: ['win32'],
  description:
    'Looks for the RDP key file f686aace6942fb7f7ceb231212eef4a4_* in MachineKeys and reads its permissions by SID (Get-Acl as JSON); missing NETWORK SERVICE Read or SYSTEM Full control is the failure behind Schannel event 36870 and certificate renewal errors 1057/1058.',
  async run(_input, ctx, { deps, started }) {
    const dir = machineKeysDir(deps.env);
    const [acl, guidRead] = await Promise.all([
      runPowerShellJson(deps.exec, MACHINEKEYS_SCRIPT, {
        signal: ctx.signal,
        purpose: 'read the key file permissions',
        timeoutMs: 30_000,
      }),
      regQuery(deps.exec, CRYPTOGRAPHY_KEY, { value: 'MachineGuid', signal: ctx.signal }),
    ]);
    const guid = regValue(guidRead, 'MachineGuid')?.raw.toLowerCase();
    if (acl.kind === 'problem') return skipped(this.id, started, acl.reason);
    const read = parseAclJson(acl.value);
    if (!read) return skipped(this.id, started, 'Get-Acl printed JSON of an unexpected shape');
    if (read.kind === 'error') {
      const denied = read.type === 'System.UnauthorizedAccessException';
      return skipped(
        this.id,
        started,
        denied
          ? "Windows refused to show the RDP key file's permissions (UnauthorizedAccessException). Run RDP Doctor as administrator; if it already is, the file's ACL itself is broken (SYSTEM and Administrators need Full control)"
          : `Reading the RDP key file's permissions failed (${read.type})`,
        { directory: dir, error: read.type, hresult: read.hresult ?? null },
      );
    }
    const files = read.files;
    const evidence: Record<string, unknown> = { directory: dir, machineGuid: guid ?? null, files };
    const findings: Finding[] = [];
    if (files.length === 0) {
      findings.push(
        finding(
          'machinekeys-key-missing',
          'warn',
          `No RDP key file (${RDP_KEY_PREFIX}_*) exists in ${dir}. Windows creates it with the self-signed certificate; if the certificate exists without it, TLS fails.`,
          ['machinekeys-broken', 'cert-unusable'],
        ),
      );
      return result(this.id, started, { summary: 'The RDP key file is missing from MachineKeys.', evidence, findings });
    }
    const own = guid ? files.find((f) => f.path.toLowerCase().endsWith(`_${guid}`)) : undefined;
    const relevant = own ? [own] : files;
    if (guid && !own)
      evidence.note = `No key file ends with this machine's GUID ${guid}; all ${files.length} were checked.`;
    for (const f of relevant) {
      const problems = aclProblems(f.aces);
      evidence[`problems:${f.path.split('\\').pop()}`] = problems;
      if (problems.length > 0) {
        findings.push(
          finding(
            'machinekeys-acl-broken',
            'fail',
            `The RDP key file ${f.path.split('\\').pop()} has wrong permissions: ${problems.join('; ')}.`,
            ['machinekeys-broken'],
          ),
        );
      }
    }
    if (findings.length === 0) {
      findings.push(
        finding(
          'machinekeys-ok',
          'info',
          'The RDP key file exists and NETWORK SERVICE and SYSTEM have the access they need.',
          [],
          ['machinekeys-broken'],
        ),
      );
    }
    const summary =
      findings[0]!.id === 'machinekeys-ok'
        ? 'The RDP private key file is present with the permissions RDP needs.'
        : `The RDP private key file has broken permissions (${findings.length} file${findings.length === 1 ? '' : 's'}).`;
    return result(this.id, started, { summary, evidence, findings });
  },
});
