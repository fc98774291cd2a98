/**
 * `credssp-policy`: the Windows CredSSP "Encryption Oracle Remediation" policy and the
 * Credentials Delegation policies, read with `reg.exe query`.
 *
 * AllowEncryptionOracle (DWORD) under
 * HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters —
 * 0 Force Updated Clients, 1 Mitigated, 2 Vulnerable. Against the CredSSP update of 2018
 * (CVE-2018-0886): a patched client with 0 or 1 refuses an unpatched server; with 2 it falls back.
 * A patched server with 0 refuses unpatched clients; with 1 or 2 it accepts them.
 * Source: learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/credssp-encryption-oracle-remediation (KB 4295591).
 */

import type { Finding } from '../../shared/protocol/results.js';
import { type RegRead, regNumber, regQuery } from '../exec/reg.js';
import { localCheck } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export const ORACLE_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters';
export const DELEGATION_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';

/** What each AllowEncryptionOracle value means, for this machine as a client and as a server. */
export const ORACLE_MEANING: Record<string, { name: string; asClient: string; asServer: string }> = {
  '0': {
    name: 'Force Updated Clients',
    asClient: 'connects only to servers that have the CredSSP update; unpatched servers are refused',
    asServer: 'accepts only clients that have the CredSSP update',
  },
  '1': {
    name: 'Mitigated',
    asClient: 'refuses to fall back to unpatched servers (connections to them are blocked)',
    asServer: 'still accepts unpatched clients',
  },
  '2': {
    name: 'Vulnerable',
    asClient: 'falls back to unpatched servers, exposing this machine to CVE-2018-0886',
    asServer: 'accepts unpatched clients, exposing remote sessions to CVE-2018-0886',
  },
  'not set': {
    name: 'Not configured',
    asClient: 'behaves as Mitigated on an updated Windows (the default since May 2018): unpatched servers are refused',
    asServer: 'behaves as Mitigated on an updated Windows: unpatched clients are still accepted',
  },
};

/** `TERMSRV/*.corp.example.com` → matches `rdp1.corp.example.com`. */
export function spnMatches(entry: string, host: string): boolean {
  const m = /^TERMSRV\/(.+)$/i.exec(entry.trim());
  if (!m) return false;
  const pattern = m[1]!.toLowerCase();
  const h = host.toLowerCase();
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return h.endsWith(pattern.slice(1));
  return pattern === h;
}

interface DelegationPolicy {
  name: string;
  enabled: number | undefined;
  servers: string[];
  /** "Concatenate OS defaults with input above": the OS default TERMSRV/* stays allowed. */
  withDefaults: boolean;
}

/** Policy value → its ConcatenateDefaults_* companion (Allow policies only). */
export const DELEGATION_POLICIES: Record<string, string | undefined> = {
  AllowFreshCredentials: 'ConcatenateDefaults_AllowFresh',
  AllowFreshCredentialsWhenNTLMOnly: 'ConcatenateDefaults_AllowFreshNTLMOnly',
  AllowSavedCredentials: 'ConcatenateDefaults_AllowSaved',
  AllowSavedCredentialsWhenNTLMOnly: 'ConcatenateDefaults_AllowSavedNTLMOnly',
  DenyFreshCredentials: undefined,
  DenySavedCredentials: undefined,
};

function delegationPolicies(read: RegRead): DelegationPolicy[] {
  if (read.kind !== 'found') return [];
  const root = [...read.keys.keys()].find((k) => k.endsWith('\\CREDENTIALSDELEGATION'));
  return Object.entries(DELEGATION_POLICIES).map(([name, concat]) => {
    const sub = read.keys.get(`${root}\\${name.toUpperCase()}`);
    const servers = sub ? [...sub.values()].map((v) => String(v.value)) : [];
    const withDefaults = concat !== undefined && regNumber(read, concat, root) === 1;
    return { name, enabled: regNumber(read, name, root), servers, withDefaults };
  });
}

export const credsspPolicyCheck: Check = localCheck({
  id: 'credssp-policy',
  title: 'CredSSP and credential-delegation policy',
  kind: 'client',
  platforms: ['win32'],
  description:
    'Reads AllowEncryptionOracle and the Credentials Delegation policies with reg query; says whether this machine refuses unpatched servers (Force Updated/Mitigated), accepts them (Vulnerable), or may not send credentials to the server.',
  async run(input, ctx, { deps, started }) {
    const oracle = await regQuery(deps.exec, ORACLE_KEY, { value: 'AllowEncryptionOracle', signal: ctx.signal });
    if (oracle.kind === 'problem') return skipped(this.id, started, oracle.reason);
    const delegation = await regQuery(deps.exec, DELEGATION_KEY, { recursive: true, signal: ctx.signal });
    const value = regNumber(oracle, 'AllowEncryptionOracle');
    const key = value === undefined ? 'not set' : String(value);
    const meaning = ORACLE_MEANING[key];
    const findings: Finding[] = [];
    const evidence: Record<string, unknown> = { allowEncryptionOracle: value ?? null };
    if (!meaning) {
      findings.push(finding('credssp-mitigated', 'warn', `AllowEncryptionOracle has an unknown value ${value}`));
    } else {
      evidence.meaning = meaning;
      const text = `CredSSP Encryption Oracle Remediation is ${meaning.name} (AllowEncryptionOracle=${value ?? 'not set'}): as a client this machine ${meaning.asClient}; as a server it ${meaning.asServer}.`;
      if (key === '0') findings.push(finding('credssp-force-updated', 'info', text, ['credssp-oracle-policy']));
      else if (key === '2')
        findings.push(finding('credssp-vulnerable-allowed', 'warn', text, [], ['credssp-oracle-policy']));
      else findings.push(finding('credssp-mitigated', 'info', text, ['credssp-oracle-policy']));
    }
    if (delegation.kind === 'problem') {
      evidence.delegationUnread = delegation.reason;
    } else {
      const policies = delegationPolicies(delegation);
      evidence.delegation = policies.filter((p) => p.enabled !== undefined || p.servers.length > 0);
      const host = input.host;
      for (const p of policies) {
        const allow = p.name.startsWith('Allow');
        const what = p.name.includes('Fresh') ? 'typed (fresh)' : 'saved';
        if (allow && p.enabled === 0) {
          findings.push(
            finding(
              'credential-delegation-restricted',
              'warn',
              `Policy "${p.name}" is disabled: ${what} credentials may not be delegated to any server.`,
              ['credential-delegation-policy'],
            ),
          );
        } else if (allow && p.enabled === 1 && !p.withDefaults) {
          const hasTermsrv = p.servers.some((s) => /^TERMSRV\//i.test(s));
          const covers = host ? p.servers.some((s) => spnMatches(s, host)) : hasTermsrv;
          if (!covers) {
            findings.push(
              finding(
                'credential-delegation-restricted',
                'warn',
                `Policy "${p.name}" allows ${what} credentials only for ${p.servers.join(', ') || 'no server'}${host ? `, not TERMSRV/${host}` : ''}.`,
                ['credential-delegation-policy'],
              ),
            );
          }
        } else if (!allow && p.enabled === 1) {
          const hits = p.servers.filter((s) => (host ? spnMatches(s, host) : /^TERMSRV\//i.test(s)));
          if (hits.length > 0) {
            findings.push(
              finding(
                'credential-delegation-restricted',
                'warn',
                `Policy "${p.name}" denies delegating ${what} credentials to ${hits.join(', ')}.`,
                ['credential-delegation-policy'],
              ),
            );
          }
        }
      }
      const restricted = regNumber(delegation, 'RestrictedRemoteAdministrationType');
      if (regNumber(delegation, 'RestrictedRemoteAdministration') === 1 && (restricted === 1 || restricted === 2)) {
        const mode = restricted === 1 ? 'Restricted Admin mode' : 'Remote Credential Guard';
        evidence.restrictedRemoteAdministration = mode;
        findings.push(
          finding(
            'credential-delegation-restricted',
            'warn',
            `Policy "Restrict delegation of credentials to remote servers" requires ${mode}; servers that do not support it refuse the connection.`,
            ['credential-delegation-policy'],
          ),
        );
      }
    }
    const delegationProblem = findings.some(
      (f) => f.id === 'credential-delegation-restricted' && f.severity === 'warn',
    );
    const summary = `CredSSP oracle policy: ${meaning?.name ?? `unknown value ${value}`}${delegationProblem ? '; credential delegation is restricted by policy' : ''}.`;
    return result(this.id, started, { summary, evidence, findings });
  },
});
