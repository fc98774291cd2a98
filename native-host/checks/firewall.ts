/**
 * `firewall`: whether something listens on the RDP port on this machine and, on Windows, which
 * inbound Windows Firewall rules cover it.
 * Linux: `ss -ltn` (listening TCP sockets) and the nftables / iptables input rules
 * (`linux-firewall.ts`; "not checked", never a pass, when they cannot be read). Windows: `netstat -an` and a fixed PowerShell script
 * reading Get-NetFirewallProfile / Get-NetFirewallPortFilter / Get-NetFirewallRule; the port
 * reaches the script only as an environment variable cast to [int], never as script text.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_RDP_PORT } from '../../shared/protocol/limits.js';
import type { Finding } from '../../shared/protocol/results.js';
import { execProblem, succeeded } from '../exec/exec.js';
import { asArray, runPowerShellJson, str } from '../exec/powershell.js';
import { readLinuxFirewall } from './linux-firewall.js';
import { localCheck } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export const PORT_ENV = 'RDP_DOCTOR_PORT';

export const FIREWALL_SCRIPT = `$p = [int]$env:${PORT_ENV}; $profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | Select-Object Name, @{ n = 'Enabled'; e = { [bool]$_.Enabled } }, @{ n = 'DefaultInboundAction'; e = { $_.DefaultInboundAction.ToString() } }); $rules = @(Get-NetFirewallPortFilter -PolicyStore ActiveStore -Protocol TCP | Where-Object { $_.LocalPort -contains [string]$p -or $_.LocalPort -contains 'Any' } | ForEach-Object { $f = $_; $_ | Get-NetFirewallRule | Where-Object { $_.Direction.ToString() -eq 'Inbound' } | ForEach-Object { [pscustomobject]@{ DisplayName = $_.DisplayName; Enabled = $_.Enabled.ToString(); Action = $_.Action.ToString(); Profile = $_.Profile.ToString(); LocalPort = ($f.LocalPort -join ',') } } }); ConvertTo-Json -Depth 3 -InputObject ([ordered]@{ profiles = $profiles; rules = $rules })`;

/** Ports in LISTEN state from `ss -ltn` output ("LISTEN 0 128 0.0.0.0:3389 0.0.0.0:*"). */
export function parseSsListening(text: string): { address: string; port: number }[] {
  const out: { address: string; port: number }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] !== 'LISTEN' || cols.length < 4) continue;
    const local = cols[3]!;
    const i = local.lastIndexOf(':');
    const port = Number(local.slice(i + 1));
    if (i > 0 && Number.isInteger(port)) out.push({ address: local.slice(0, i), port });
  }
  return out;
}

/** Listening TCP sockets from `netstat -an` ("  TCP    0.0.0.0:3389   0.0.0.0:0   LISTENING"). */
export function parseNetstatListening(text: string): { address: string; port: number }[] {
  const out: { address: string; port: number }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] !== 'TCP' || cols.length < 3) continue;
    // The state word is localised; a listening socket has the wildcard foreign address.
    if (!/^(0\.0\.0\.0|\[::\]):0$/.test(cols[2]!)) continue;
    const i = cols[1]!.lastIndexOf(':');
    const port = Number(cols[1]!.slice(i + 1));
    if (i > 0 && Number.isInteger(port)) out.push({ address: cols[1]!.slice(0, i), port });
  }
  return out;
}

/** Listening sockets from /proc/net/tcp or tcp6 (state 0A), used when `ss` is not installed. */
export function parseProcNetTcp(text: string): { address: string; port: number }[] {
  const out: { address: string; port: number }[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || cols[3] !== '0A') continue;
    const [hexAddr, hexPort] = cols[1]!.split(':');
    if (!hexAddr || !hexPort) continue;
    // Addresses are 32-bit words in host (little-endian) byte order.
    const bytes = (hexAddr.match(/.{8}/g) ?? []).flatMap((w) =>
      (w.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)),
    );
    const address =
      bytes.length === 4
        ? bytes.join('.')
        : Array.from({ length: bytes.length / 2 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16))
            .join(':')
            .replace(/(^|:)0(:0)+(:|$)/, '::');
    out.push({ address, port: Number.parseInt(hexPort, 16) });
  }
  return out;
}

async function procListeners(): Promise<{ address: string; port: number }[] | undefined> {
  try {
    const v4 = await readFile('/proc/net/tcp', 'utf8');
    const v6 = await readFile('/proc/net/tcp6', 'utf8').catch(() => '');
    return [...parseProcNetTcp(v4), ...parseProcNetTcp(v6)];
  } catch {
    return undefined;
  }
}

interface Rule {
  name: string;
  enabled: boolean;
  action: string;
  profile: string;
  localPort: string;
}

export const firewallCheck: Check = localCheck({
  id: 'firewall',
  title: 'RDP port and firewall',
  kind: 'server',
  platforms: ['win32', 'linux'],
  description:
    'Checks whether something listens on the RDP port on this machine (ss -ltn on Linux, netstat -an on Windows) and which firewall rules allow or block that port (nftables or iptables input rules on Linux, enabled inbound Windows Firewall rules on Windows); unreadable rules make the check "not checked", never a pass.',
  async run(input, ctx, { deps, started }) {
    const port = input.port ?? DEFAULT_RDP_PORT;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return { ...skipped(this.id, started, `port ${String(port)} is not a TCP port (1–65535)`), status: 'error' };
    }
    const linux = deps.platform === 'linux';
    const r = linux
      ? await deps.exec('ss', ['-ltn'], { signal: ctx.signal, timeoutMs: 10_000 })
      : await deps.exec('netstat.exe', ['-an'], { signal: ctx.signal, timeoutMs: 20_000 });
    let all: { address: string; port: number }[] | undefined;
    let source = linux ? 'ss -ltn' : 'netstat -an';
    if (succeeded(r)) all = linux ? parseSsListening(r.stdout) : parseNetstatListening(r.stdout);
    else if (linux && r.outcome === 'not-found') {
      all = await procListeners();
      source = '/proc/net/tcp (ss is not installed)';
    }
    if (!all) return skipped(this.id, started, execProblem(r, 'list listening TCP ports'));
    const listeners = all.filter((l) => l.port === port);
    const evidence: Record<string, unknown> = { port, listeners, source };
    const findings: Finding[] = [];
    if (listeners.length > 0) {
      findings.push(
        finding(
          'rdp-port-listening',
          'info',
          `Something listens on TCP ${port} here (${listeners.map((l) => l.address).join(', ')}).`,
          [],
          ['port-closed'],
        ),
      );
    } else {
      findings.push(
        finding(
          'port-not-listening',
          linux ? 'warn' : 'fail',
          `Nothing listens on TCP ${port} on this machine${linux ? ' (expected if this machine is not the RDP server)' : ': the RDP listener is down or uses another port'}.`,
          ['port-closed', 'rds-service-down'],
        ),
      );
    }
    let fwNotChecked: string | undefined;
    if (linux) {
      const fw = await readLinuxFirewall(deps.exec, port, ctx.signal);
      if (fw.kind === 'not-checked') {
        fwNotChecked = fw.reason;
        evidence.firewall = `not checked: ${fw.reason}`;
      } else {
        evidence.firewall = { source: fw.source, ...fw.verdict };
        if (fw.verdict.state === 'blocks') {
          findings.push(
            finding(
              'firewall-blocks-rdp',
              'fail',
              `The ${fw.source} rules on this machine block TCP ${port}: ${fw.verdict.detail}.`,
              ['firewall-blocks-port'],
            ),
          );
        } else if (fw.verdict.state === 'unclear') {
          fwNotChecked = `the ${fw.source} rules could not be decided: ${fw.verdict.detail}`;
        }
      }
    } else {
      const ps = await runPowerShellJson(deps.exec, FIREWALL_SCRIPT, {
        signal: ctx.signal,
        purpose: 'read Windows Firewall rules',
        env: { [PORT_ENV]: String(port) },
      });
      if (ps.kind === 'problem') {
        evidence.firewall = ps.reason;
      } else {
        const o = (ps.value ?? {}) as Record<string, unknown>;
        const profiles = asArray(o.profiles).map((p) => ({
          name: str(p.Name) ?? '?',
          enabled: p.Enabled === true || p.Enabled === 'True',
          defaultInbound: str(p.DefaultInboundAction) ?? '?',
        }));
        const rules: Rule[] = asArray(o.rules).map((x) => ({
          name: str(x.DisplayName) ?? '?',
          enabled: str(x.Enabled) === 'True',
          action: str(x.Action) ?? '?',
          profile: str(x.Profile) ?? '?',
          localPort: str(x.LocalPort) ?? '',
        }));
        const forPort = rules.filter((x) => x.localPort.split(',').includes(String(port)));
        const blocks = rules.filter((x) => x.enabled && x.action === 'Block');
        const allows = forPort.filter((x) => x.enabled && x.action === 'Allow');
        evidence.profiles = profiles;
        evidence.rules = [...forPort, ...blocks.filter((b) => !forPort.includes(b))];
        const on = profiles.filter((p) => p.enabled);
        if (blocks.length > 0) {
          findings.push(
            finding(
              'firewall-blocks-rdp',
              'fail',
              `Enabled inbound firewall rule${blocks.length > 1 ? 's' : ''} block${blocks.length > 1 ? '' : 's'} TCP ${port}: ${blocks.map((b) => `"${b.name}"`).join(', ')} (block rules win over allow rules).`,
              ['firewall-blocks-port'],
            ),
          );
        } else if (on.length > 0 && allows.length === 0) {
          findings.push(
            finding(
              'firewall-blocks-rdp',
              'fail',
              `Windows Firewall is on (${on.map((p) => p.name).join(', ')}) and no enabled inbound rule allows TCP ${port}; the "Remote Desktop - User Mode (TCP-In)" rule is ${forPort.length ? 'disabled' : 'missing'}.`,
              ['firewall-blocks-port'],
            ),
          );
        }
      }
    }
    const listening = listeners.length > 0 ? `something listens on TCP ${port}` : `nothing listens on TCP ${port}`;
    const fw = findings.find((f) => f.id === 'firewall-blocks-rdp');
    const name = linux ? 'firewall' : 'Windows Firewall';
    const fwText = fw
      ? `; the ${name} blocks it`
      : fwNotChecked
        ? `; the firewall rules were not checked (${fwNotChecked})`
        : typeof evidence.firewall === 'string'
          ? '; firewall rules could not be read'
          : `; the ${name} allows it`;
    const summary = `${listening[0]!.toUpperCase()}${listening.slice(1)}${fwText}.`;
    // A listener alone says nothing about the firewall: without the rules the check has no verdict.
    if (fwNotChecked && !findings.some((f) => f.severity !== 'info')) {
      return { ...result(this.id, started, { status: 'skipped', summary, evidence, findings }), reason: summary };
    }
    return result(this.id, started, { summary, evidence, findings });
  },
});
