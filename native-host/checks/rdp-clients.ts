/**
 * `rdp-clients`: which Remote Desktop clients are installed and their versions.
 * Windows: mstsc.exe's file version, the Remote Desktop (MSI) client msrdcw.exe and the Store
 * packages (Windows App, Remote Desktop), in one fixed PowerShell script printing JSON.
 * macOS: CFBundleShortVersionString of Windows App and Microsoft Remote Desktop via `defaults read`.
 * Linux: `xfreerdp/wlfreerdp/sdl-freerdp[3] --version` and `remmina --version`; when a client
 * cannot print its version (FreeRDP 2's X11 client needs a display even for --version), the
 * package version from `dpkg-query`.
 */
import type { Finding } from '../../shared/protocol/results.js';
import { type Exec, succeeded } from '../exec/exec.js';
import { asArray, runPowerShellJson, str } from '../exec/powershell.js';
import { localCheck, wrongPlatform } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export interface ClientInfo {
  name: string;
  version: string | null;
  /** Where the version came from. */
  source: string;
}

/** Compares dotted versions numerically: <0, 0, >0. Non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-+~ ]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.\-+~ ]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Debian/RPM package version → upstream version: "1:2.11.7+dfsg1-6~deb12u1" → "2.11.7". */
export function upstreamVersion(v: string): string {
  return v.replace(/^\d+:/, '').split(/[+~-]/)[0] ?? v;
}

/** Minimum versions and why older ones are flagged. */
export const TOO_OLD: { match: RegExp; min: string; why: string }[] = [
  {
    match: /freerdp/i,
    min: '2.0.0',
    why: 'FreeRDP before 2.0 lacks the 2018 CredSSP update (CVE-2018-0886), so patched servers that force updated clients refuse it',
  },
  {
    match: /^remmina$/i,
    min: '1.4.0',
    why: 'Remmina before 1.4 is built on FreeRDP 1.x/early 2.x and misses current CredSSP and TLS fixes',
  },
  {
    match: /^mstsc$/i,
    min: '10.0.0',
    why: 'mstsc 6.x comes with Windows 7/8.1, which no longer receive security updates (support ended 2020/2023)',
  },
  {
    match: /^Microsoft Remote Desktop \(macOS\)$/i,
    min: '10.0.0',
    why: 'Microsoft Remote Desktop 8 for Mac was replaced by version 10 in 2017 and receives no fixes',
  },
];

export function outdatedReason(c: ClientInfo): string | undefined {
  if (!c.version) return undefined;
  const rule = TOO_OLD.find((r) => r.match.test(c.name));
  return rule && compareVersions(c.version, rule.min) < 0
    ? `${rule.why} (found ${c.version}, need ${rule.min} or later)`
    : undefined;
}

// ---------------------------------------------------------------- Windows

export const WINDOWS_SCRIPT = [
  `$v = (Get-Item -LiteralPath (Join-Path $env:SystemRoot 'System32\\mstsc.exe') -ErrorAction SilentlyContinue).VersionInfo`,
  `$m = @(foreach ($p in @((Join-Path $env:ProgramFiles 'Remote Desktop\\msrdcw.exe'), (Join-Path $env:LOCALAPPDATA 'Apps\\Remote Desktop\\msrdcw.exe'))) { $i = Get-Item -LiteralPath $p -ErrorAction SilentlyContinue; if ($i) { [pscustomobject]@{ Path = $p; Version = $i.VersionInfo.ProductVersion } } })`,
  `$a = @(Get-AppxPackage -ErrorAction SilentlyContinue | Where-Object { $_.Name -in @('MicrosoftCorporationII.Windows365', 'Microsoft.RemoteDesktop') } | Select-Object Name, @{ n = 'Version'; e = { $_.Version.ToString() } })`,
  `ConvertTo-Json -Depth 3 -InputObject ([ordered]@{ mstsc = $(if ($v) { '{0}.{1}.{2}.{3}' -f $v.FileMajorPart, $v.FileMinorPart, $v.FileBuildPart, $v.FilePrivatePart } else { $null }); msrdc = $m; appx = $a })`,
].join('; ');

const APPX_NAMES: Record<string, string> = {
  'MicrosoftCorporationII.Windows365': 'Windows App',
  'Microsoft.RemoteDesktop': 'Remote Desktop (Microsoft Store)',
};

export function parseWindowsClients(value: unknown): ClientInfo[] {
  const o = (value ?? {}) as Record<string, unknown>;
  const out: ClientInfo[] = [];
  const mstsc = str(o.mstsc);
  if (mstsc) out.push({ name: 'mstsc', version: mstsc, source: 'mstsc.exe file version' });
  for (const m of asArray(o.msrdc)) {
    out.push({ name: 'Remote Desktop (MSI)', version: str(m.Version) ?? null, source: str(m.Path) ?? 'msrdcw.exe' });
  }
  for (const a of asArray(o.appx)) {
    const n = str(a.Name) ?? '';
    out.push({ name: APPX_NAMES[n] ?? n, version: str(a.Version) ?? null, source: `Appx package ${n}` });
  }
  return out;
}

// ---------------------------------------------------------------- macOS

export const MAC_BUNDLES = [
  { name: 'Windows App (macOS)', plist: '/Applications/Windows App.app/Contents/Info.plist' },
  { name: 'Microsoft Remote Desktop (macOS)', plist: '/Applications/Microsoft Remote Desktop.app/Contents/Info.plist' },
];

async function macClients(exec: Exec, signal: AbortSignal): Promise<ClientInfo[]> {
  const found = await Promise.all(
    MAC_BUNDLES.map(async (b): Promise<ClientInfo | undefined> => {
      const r = await exec('defaults', ['read', b.plist, 'CFBundleShortVersionString'], { signal, timeoutMs: 10_000 });
      const version = r.stdout.trim();
      if (!succeeded(r) || !/^\d/.test(version)) return undefined;
      return { name: b.name, version, source: `${b.plist} CFBundleShortVersionString` };
    }),
  );
  return found.filter((c): c is ClientInfo => c !== undefined);
}

// ---------------------------------------------------------------- Linux

/** Binaries tried, and the Debian packages that ship them (for the dpkg-query fallback). */
export const LINUX_CLIENTS: { bin: string; packages: string[] }[] = [
  { bin: 'xfreerdp', packages: ['freerdp2-x11'] },
  { bin: 'xfreerdp3', packages: ['freerdp3-x11'] },
  { bin: 'wlfreerdp', packages: ['freerdp2-wayland'] },
  { bin: 'wlfreerdp3', packages: ['freerdp3-wayland'] },
  { bin: 'sdl-freerdp', packages: [] },
  { bin: 'sdl-freerdp3', packages: ['freerdp3-sdl'] },
  { bin: 'remmina', packages: ['remmina'] },
];
export const DPKG_ARGS = [
  '-W',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a dpkg-query format string, not a JS template
  '-f=${Package}\\t${Version}\\t${db:Status-Status}\\n',
  ...LINUX_CLIENTS.flatMap((c) => c.packages),
];

/** "This is FreeRDP version 2.11.7 (2.11.7)" / "org.remmina.Remmina - 1.4.29 (git n/a)" → version. */
export function parseVersionOutput(text: string): string | undefined {
  return (
    /FreeRDP version (\d+\.\d+[\w.\-+~]*)/i.exec(text)?.[1] ??
    /Remmina\S*\s+-\s+(\d+\.\d+[\w.\-+~]*)/i.exec(text)?.[1] ??
    undefined
  );
}

/** `dpkg-query -W -f='${Package}\t${Version}\t${db:Status-Status}\n'` → installed package → version. */
export function parseDpkg(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const [pkg, version, status] = line.split('\t');
    if (pkg && version && status === 'installed') out.set(pkg, version);
  }
  return out;
}

async function linuxClients(exec: Exec, signal: AbortSignal): Promise<{ clients: ClientInfo[]; notes: string[] }> {
  const notes: string[] = [];
  const runs = await Promise.all(
    LINUX_CLIENTS.map(async (c) => ({ c, r: await exec(c.bin, ['--version'], { signal, timeoutMs: 10_000 }) })),
  );
  const clients: ClientInfo[] = [];
  const unversioned: typeof LINUX_CLIENTS = [];
  for (const { c, r } of runs) {
    if (r.outcome === 'not-found') continue;
    const version = parseVersionOutput(`${r.stdout}\n${r.stderr}`);
    if (version) clients.push({ name: c.bin, version, source: `${c.bin} --version` });
    else {
      unversioned.push(c);
      const why = /failed to open display/i.test(r.stderr)
        ? 'it needs an X display even for --version'
        : (r.message ?? `exit ${r.exitCode}`);
      notes.push(`${c.bin} is installed but did not print its version (${why})`);
    }
  }
  if (unversioned.length > 0) {
    const d = await exec('dpkg-query', DPKG_ARGS, { signal, timeoutMs: 10_000 });
    const pkgs = parseDpkg(d.stdout);
    for (const c of unversioned) {
      const pkg = c.packages.find((p) => pkgs.has(p));
      clients.push(
        pkg
          ? { name: c.bin, version: upstreamVersion(pkgs.get(pkg)!), source: `dpkg package ${pkg} ${pkgs.get(pkg)}` }
          : { name: c.bin, version: null, source: 'installed; version unknown' },
      );
    }
  }
  return { clients, notes };
}

// ---------------------------------------------------------------- the check

export const rdpClientsCheck: Check = localCheck({
  id: 'rdp-clients',
  title: 'Installed Remote Desktop clients',
  kind: 'client',
  platforms: ['win32', 'darwin', 'linux'],
  description:
    'Finds the installed Remote Desktop clients and their versions (mstsc, Remote Desktop, Windows App; the macOS app bundles; FreeRDP and Remmina on Linux) and flags versions too old for current servers.',
  async run(_input, ctx, { deps, started }) {
    let clients: ClientInfo[];
    let notes: string[] = [];
    if (deps.platform === 'win32') {
      const ps = await runPowerShellJson(deps.exec, WINDOWS_SCRIPT, {
        signal: ctx.signal,
        purpose: 'list the installed Remote Desktop clients',
      });
      if (ps.kind === 'problem') return skipped(this.id, started, ps.reason);
      clients = parseWindowsClients(ps.value);
    } else if (deps.platform === 'darwin') {
      clients = await macClients(deps.exec, ctx.signal);
    } else if (deps.platform === 'linux') {
      ({ clients, notes } = await linuxClients(deps.exec, ctx.signal));
    } else {
      return wrongPlatform(this, deps.platform, started);
    }
    const evidence: Record<string, unknown> = { clients, ...(notes.length ? { notes } : {}) };
    const findings: Finding[] = [];
    for (const c of clients) {
      const why = outdatedReason(c);
      if (why)
        findings.push(finding('client-outdated', 'warn', `${c.name} ${c.version}: ${why}.`, ['client-outdated']));
    }
    if (clients.length === 0) {
      findings.push(finding('client-not-found', 'warn', 'No Remote Desktop client was found on this machine.'));
      return result(this.id, started, { summary: 'No Remote Desktop client found.', evidence, findings });
    }
    if (findings.length === 0) {
      findings.push(
        finding(
          'client-up-to-date',
          'info',
          'No installed Remote Desktop client is older than the minimum versions RDP Doctor knows.',
          [],
          ['client-outdated'],
        ),
      );
    }
    const list = clients.map((c) => `${c.name} ${c.version ?? '(version unknown)'}`).join(', ');
    const old = findings.filter((f) => f.severity === 'warn').length;
    return result(this.id, started, { summary: `${old ? `${old} outdated: ` : ''}${list}.`, evidence, findings });
  },
});
