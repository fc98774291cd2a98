/**
 * `rdp-listener`: whether Remote Desktop is allowed and how the RDP-Tcp listener is configured,
 * from the registry (`reg.exe query`), with the Group Policy values that override the local ones.
 *
 * HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server: fDenyTSConnections (1 = RDP refused).
 * …\WinStations\RDP-Tcp: SecurityLayer (0 RDP, 1 Negotiate, 2 SSL/TLS), UserAuthentication
 * (1 = NLA required), MinEncryptionLevel (1 Low, 2 Client compatible, 3 High, 4 FIPS), PortNumber.
 * Policies: HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services (same value names).
 * FIPS: HKLM\SYSTEM\CurrentControlSet\Control\Lsa\FIPSAlgorithmPolicy Enabled.
 * Sources: learn.microsoft.com/windows/win32/termserv/win32-tsgeneralsetting-setsecuritylayer;
 * learn.microsoft.com/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine.
 */
import type { Finding } from '../../shared/protocol/results.js';
import { type RegRead, regNumber, regQuery } from '../exec/reg.js';
import { localCheck } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export const TS_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server';
export const RDP_TCP_KEY = `${TS_KEY}\\WinStations\\RDP-Tcp`;
export const TS_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
export const FIPS_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FIPSAlgorithmPolicy';

export const SECURITY_LAYERS: Record<number, string> = { 0: 'RDP Security Layer', 1: 'Negotiate', 2: 'SSL (TLS)' };
export const ENCRYPTION_LEVELS: Record<number, string> = {
  1: 'Low',
  2: 'Client Compatible',
  3: 'High',
  4: 'FIPS Compliant',
};

interface Effective {
  value: number | undefined;
  byPolicy: boolean;
}

function effective(policy: RegRead, local: RegRead, name: string): Effective {
  const p = regNumber(policy, name);
  if (p !== undefined) return { value: p, byPolicy: true };
  return { value: regNumber(local, name), byPolicy: false };
}

const by = (e: Effective) => (e.byPolicy ? ' (set by Group Policy)' : '');

export const rdpListenerCheck: Check = localCheck({
  id: 'rdp-listener',
  title: 'Remote Desktop listener settings',
  kind: 'server',
  platforms: ['win32'],
  description:
    'Reads fDenyTSConnections and the RDP-Tcp listener values (SecurityLayer, UserAuthentication, MinEncryptionLevel, PortNumber) with the Group Policy values that override them; says whether RDP is off, NLA is required, and which security layer and encryption level clients must meet.',
  async run(_input, ctx, { deps, started }) {
    const [ts, tcp, policy, fips] = await Promise.all([
      regQuery(deps.exec, TS_KEY, { value: 'fDenyTSConnections', signal: ctx.signal }),
      regQuery(deps.exec, RDP_TCP_KEY, { signal: ctx.signal }),
      regQuery(deps.exec, TS_POLICY_KEY, { signal: ctx.signal }),
      regQuery(deps.exec, FIPS_KEY, { value: 'Enabled', signal: ctx.signal }),
    ]);
    for (const r of [ts, tcp]) if (r.kind === 'problem') return skipped(this.id, started, r.reason);
    if (tcp.kind === 'absent') {
      return skipped(this.id, started, `the RDP-Tcp listener key (${RDP_TCP_KEY}) does not exist on this machine`);
    }
    const deny = effective(policy, ts, 'fDenyTSConnections');
    const layer = effective(policy, tcp, 'SecurityLayer');
    const nla = effective(policy, tcp, 'UserAuthentication');
    const enc = effective(policy, tcp, 'MinEncryptionLevel');
    const port = regNumber(tcp, 'PortNumber') ?? 3389;
    const fipsOn = regNumber(fips, 'Enabled') === 1;
    const evidence: Record<string, unknown> = {
      fDenyTSConnections: deny,
      securityLayer: { ...layer, name: layer.value === undefined ? null : (SECURITY_LAYERS[layer.value] ?? null) },
      userAuthentication: nla,
      minEncryptionLevel: { ...enc, name: enc.value === undefined ? null : (ENCRYPTION_LEVELS[enc.value] ?? null) },
      portNumber: port,
      fAllowSecProtocolNegotiation: regNumber(tcp, 'fAllowSecProtocolNegotiation') ?? null,
      fipsAlgorithmPolicy: fipsOn,
      policyKeyPresent: policy.kind === 'found',
    };
    const findings: Finding[] = [];
    if (deny.value === 1) {
      findings.push(
        finding(
          'rdp-disabled',
          'fail',
          `Remote Desktop connections are turned off (fDenyTSConnections=1)${by(deny)}.`,
          ['rdp-disabled'],
        ),
      );
    } else {
      findings.push(
        finding('rdp-enabled', 'info', `Remote Desktop connections are allowed${by(deny)}.`, [], ['rdp-disabled']),
      );
    }
    if (layer.value === 0) {
      findings.push(
        finding(
          'security-layer-rdp',
          'warn',
          `The listener uses the RDP Security Layer only${by(layer)}: no TLS and no NLA, so clients that require either fail to connect.`,
          ['security-layer-mismatch'],
          ['cert-expired', 'cert-unusable', 'machinekeys-broken'],
        ),
      );
    } else if (layer.value === 2) {
      findings.push(
        finding(
          'security-layer-tls',
          'info',
          `The listener requires TLS${by(layer)}: clients set to RDP security fail, and a broken certificate stops every connection.`,
          ['security-layer-mismatch', 'cert-expired', 'cert-unusable'],
        ),
      );
    }
    if (nla.value === 0) {
      findings.push(
        finding(
          'nla-disabled-on-server',
          'warn',
          `Network Level Authentication is not required${by(nla)} (UserAuthentication=0): weaker, but clients without NLA can connect.`,
          [],
          ['nla-required'],
        ),
      );
    } else if (nla.value === 1 && layer.value !== 0) {
      findings.push(
        finding(
          'nla-required-on-server',
          'info',
          `Network Level Authentication is required${by(nla)}: clients must support CredSSP and send valid credentials before the session starts.`,
          ['nla-required'],
        ),
      );
    }
    if (enc.value === 4 || fipsOn) {
      const why = fipsOn ? 'the system FIPS policy is on' : `MinEncryptionLevel=4 (FIPS Compliant)${by(enc)}`;
      findings.push(
        finding(
          'fips-encryption-required',
          'warn',
          `FIPS-compliant encryption is required (${why}); clients that cannot use it are refused.`,
          ['encryption-level-mismatch'],
        ),
      );
    }
    const parts = [
      deny.value === 1 ? 'RDP is turned off' : 'RDP is allowed',
      `security layer ${layer.value === undefined ? 'default (Negotiate)' : (SECURITY_LAYERS[layer.value] ?? `unknown ${layer.value}`)}`,
      `NLA ${nla.value === 0 ? 'not required' : 'required'}`,
      `encryption ${enc.value === undefined ? 'default' : (ENCRYPTION_LEVELS[enc.value] ?? `level ${enc.value}`)}`,
      `port ${port}${port === 3389 ? '' : ' (not the default 3389)'}`,
    ];
    return result(this.id, started, { summary: `${parts.join(', ')}.`, evidence, findings });
  },
});
