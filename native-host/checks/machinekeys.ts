/**
 * `machinekeys`: the private key of the self-signed RDP certificate, kept in
 * `%ProgramData%\Microsoft\Crypto\RSA\MachineKeys\f686aace6942fb7f7ceb231212eef4a4_<MachineGuid>`.
 * Reads its permissions with `icacls` and the MachineGuid with `reg.exe query`. Remote Desktop
 * Services runs as NETWORK SERVICE and needs Read on the file; SYSTEM needs Full control. Without
 * them Schannel logs event 36870 ("fatal error … accessing the TLS server credential private key")
 * and RDP cannot create or renew its certificate (events 1057/1058).
 * Source: learn.microsoft.com/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine;
 * learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton.
 * Account names are matched in English and as SIDs (S-1-5-18, S-1-5-20, S-1-5-32-544).
 */
import type { Finding } from '../../shared/protocol/results.js';
import { localDeps } from '../local/deps.js';
import { regQuery, regValue } from '../local/reg.js';
import { execProblem, finding, result, skipped, wrongPlatform } from '../local/result.js';
import type { Check } from './types.js';

export const RDP_KEY_PREFIX = 'f686aace6942fb7f7ceb231212eef4a4';
export const CRYPTOGRAPHY_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Cryptography';

export function machineKeysDir(env: NodeJS.ProcessEnv): string {
  return `${env.ProgramData ?? 'C:\\ProgramData'}\\Microsoft\\Crypto\\RSA\\MachineKeys`;
}

export interface Ace {
  principal: string;
  deny: boolean;
  inherited: boolean;
  rights: string[];
}

export interface KeyFileAcl {
  path: string;
  aces: Ace[];
}

const FLAGS = new Set(['I', 'OI', 'CI', 'IO', 'NP', 'DENY']);

export function parseAce(text: string): Ace | undefined {
  const m = /^(.+?):((?:\([^)]*\))+)\s*$/.exec(text.trim());
  if (!m) return undefined;
  const tokens = [...m[2]!.matchAll(/\(([^)]*)\)/g)].map((t) => t[1]!);
  return {
    principal: m[1]!,
    deny: tokens.includes('DENY'),
    inherited: tokens.includes('I'),
    rights: tokens.filter((t) => !FLAGS.has(t)).flatMap((t) => t.split(',')),
  };
}

/**
 * Parses icacls output: "<path> <ace>" then indented "<ace>" lines per file, a blank line, and
 * "Successfully processed N files; Failed processing M files".
 */
export function parseIcacls(text: string, prefix: string): KeyFileAcl[] {
  const files: KeyFileAcl[] = [];
  let current: KeyFileAcl | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || /^Successfully processed/i.test(line.trim())) {
      current = undefined;
      continue;
    }
    const at = line.toLowerCase().indexOf(prefix.toLowerCase());
    if (at >= 0 && !/^\s/.test(line)) {
      const rest = line.slice(at);
      const space = rest.indexOf(' ');
      const path = line.slice(0, at) + (space < 0 ? rest : rest.slice(0, space));
      current = { path, aces: [] };
      files.push(current);
      const ace = space < 0 ? undefined : parseAce(rest.slice(space + 1));
      if (ace) current.aces.push(ace);
    } else if (current) {
      const ace = parseAce(line);
      if (ace) current.aces.push(ace);
    }
  }
  return files;
}

const SYSTEM = /^(NT AUTHORITY\\SYSTEM|\*?S-1-5-18)$/i;
const NETWORK_SERVICE = /^(NT AUTHORITY\\NETWORK SERVICE|\*?S-1-5-20)$/i;
const ADMINS = /^(BUILTIN\\Administrators|\*?S-1-5-32-544)$/i;
const READS = new Set(['F', 'M', 'RX', 'R', 'GR', 'GA', 'RD']);

/** What is wrong with a key file's ACL, as sentences; empty when it is as RDP needs it. */
export function aclProblems(aces: Ace[]): string[] {
  const problems: string[] = [];
  const allow = (re: RegExp) => aces.filter((a) => re.test(a.principal) && !a.deny);
  for (const a of aces) {
    if (a.deny && (SYSTEM.test(a.principal) || NETWORK_SERVICE.test(a.principal) || /^Everyone$/i.test(a.principal))) {
      problems.push(`${a.principal} is explicitly denied (${a.rights.join(',')})`);
    }
  }
  if (!allow(SYSTEM).some((a) => a.rights.includes('F') || a.rights.includes('GA'))) {
    problems.push('SYSTEM does not have Full control');
  }
  if (!allow(NETWORK_SERVICE).some((a) => a.rights.some((r) => READS.has(r)))) {
    problems.push('NETWORK SERVICE cannot read the key (Remote Desktop Services runs as NETWORK SERVICE)');
  }
  if (!allow(ADMINS).some((a) => a.rights.includes('F') || a.rights.includes('GA'))) {
    problems.push('Administrators do not have Full control');
  }
  return problems;
}

export const machinekeysCheck: Check = {
  id: 'machinekeys',
  title: 'RDP private key (MachineKeys)',
  kind: 'server',
  platforms: ['win32'],
  description:
    'Looks for the RDP key file f686aace6942fb7f7ceb231212eef4a4_* in MachineKeys and reads its permissions with icacls; missing NETWORK SERVICE Read or SYSTEM Full control is the failure behind Schannel event 36870 and certificate renewal errors 1057/1058.',
  async run(_input, ctx) {
    const started = Date.now();
    const deps = localDeps(ctx);
    if (deps.platform !== 'win32') return wrongPlatform(this, deps.platform, started);
    const dir = machineKeysDir(deps.env);
    const [icacls, guidRead] = await Promise.all([
      deps.exec('icacls.exe', [`${dir}\\${RDP_KEY_PREFIX}_*`], { signal: ctx.signal, timeoutMs: 15_000 }),
      regQuery(deps.exec, CRYPTOGRAPHY_KEY, { value: 'MachineGuid', signal: ctx.signal }),
    ]);
    const guid = regValue(guidRead, 'MachineGuid')?.raw.toLowerCase();
    const text = `${icacls.stdout}\n${icacls.stderr}`;
    if (icacls.outcome !== 'exited')
      return skipped(this.id, started, execProblem(icacls, 'read the key file permissions'));
    if (/Access is denied/i.test(text)) {
      return skipped(
        this.id,
        started,
        "icacls could not read the RDP key file (Access is denied). Run RDP Doctor as administrator; if it already is, the file's ACL itself is broken (SYSTEM and Administrators need Full control)",
        { command: `icacls ${dir}\\${RDP_KEY_PREFIX}_*`, output: text.trim().slice(0, 2000) },
      );
    }
    const files = parseIcacls(icacls.stdout, RDP_KEY_PREFIX);
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
};
