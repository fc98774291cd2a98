/**
 * `termservice`: state of Remote Desktop Services (TermService) and the services it relies on,
 * via `Get-Service … | ConvertTo-Json`. UmRdpService redirects devices; SessionEnv (Remote Desktop
 * Configuration), CertPropSvc, KeyIso (CNG Key Isolation) and CryptSvc are needed to create and
 * renew the self-signed RDP certificate.
 * Sources: learn.microsoft.com/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting;
 * learn.microsoft.com/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine.
 */
import type { Finding } from '../../shared/protocol/results.js';
import { asArray, runPowerShellJson, str } from '../exec/powershell.js';
import { localCheck } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export const SERVICES = ['TermService', 'UmRdpService', 'SessionEnv', 'CertPropSvc', 'KeyIso', 'CryptSvc'] as const;

export const SERVICES_SCRIPT = `Get-Service -Name ${SERVICES.join(',')} -ErrorAction SilentlyContinue | Select-Object Name, DisplayName, @{ n = 'Status'; e = { $_.Status.ToString() } }, @{ n = 'StartType'; e = { $_.StartType.ToString() } } | ConvertTo-Json`;

/** ServiceControllerStatus / ServiceStartMode numbers, for output that kept the enums as numbers. */
const STATUS: Record<number, string> = {
  1: 'Stopped',
  2: 'StartPending',
  3: 'StopPending',
  4: 'Running',
  5: 'ContinuePending',
  6: 'PausePending',
  7: 'Paused',
};
const START: Record<number, string> = { 0: 'Boot', 1: 'System', 2: 'Automatic', 3: 'Manual', 4: 'Disabled' };

export interface ServiceState {
  name: string;
  displayName: string;
  status: string;
  startType: string;
}

export function parseServices(value: unknown): ServiceState[] {
  return asArray(value).map((s) => ({
    name: str(s.Name) ?? '?',
    displayName: str(s.DisplayName) ?? '',
    status: typeof s.Status === 'number' ? (STATUS[s.Status] ?? String(s.Status)) : (str(s.Status) ?? '?'),
    startType:
      typeof s.StartType === 'number' ? (START[s.StartType] ?? String(s.StartType)) : (str(s.StartType) ?? '?'),
  }));
}

export const termserviceCheck: Check = localCheck({
  id: 'termservice',
  title: 'Remote Desktop Services',
  kind: 'server',
  platforms: ['win32'],
  description:
    'Reads the status and start type of TermService and the services RDP certificates depend on (UmRdpService, SessionEnv, CertPropSvc, KeyIso, CryptSvc) with Get-Service; a stopped TermService means nothing accepts RDP connections.',
  async run(_input, ctx, { deps, started }) {
    const ps = await runPowerShellJson(deps.exec, SERVICES_SCRIPT, {
      signal: ctx.signal,
      purpose: 'read service states',
    });
    if (ps.kind === 'problem') return skipped(this.id, started, ps.reason);
    const services = parseServices(ps.value);
    const byName = new Map(services.map((s) => [s.name.toLowerCase(), s]));
    const findings: Finding[] = [];
    const term = byName.get('termservice');
    if (!term) {
      findings.push(
        finding(
          'termservice-stopped',
          'fail',
          'The Remote Desktop Services service (TermService) does not exist here.',
          ['rds-service-down'],
        ),
      );
    } else if (term.status !== 'Running') {
      findings.push(
        finding(
          'termservice-stopped',
          'fail',
          `Remote Desktop Services (TermService) is ${term.status} (start type ${term.startType}); nothing accepts RDP connections.`,
          ['rds-service-down'],
        ),
      );
    } else {
      findings.push(
        finding(
          'termservice-running',
          'info',
          'Remote Desktop Services (TermService) is running.',
          [],
          ['rds-service-down'],
        ),
      );
    }
    for (const name of ['SessionEnv', 'CertPropSvc', 'KeyIso', 'CryptSvc', 'UmRdpService']) {
      const s = byName.get(name.toLowerCase());
      // Manual services that are stopped start on demand; only a disabled one cannot.
      if (s && s.startType === 'Disabled') {
        const certs = name !== 'UmRdpService';
        findings.push(
          finding(
            'rdp-support-service-stopped',
            'warn',
            `${s.displayName || name} (${name}) is disabled${certs ? ': the RDP certificate cannot be created or renewed' : ': device redirection does not work'}.`,
            certs ? ['cert-expired', 'cert-unusable'] : [],
          ),
        );
      }
    }
    const summary = term
      ? `TermService is ${term.status}${findings.some((f) => f.id === 'rdp-support-service-stopped') ? '; a service the RDP certificate needs is disabled' : ''}.`
      : 'TermService is not installed.';
    return result(this.id, started, { summary, evidence: { services }, findings });
  },
});
