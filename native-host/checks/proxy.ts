/**
 * `proxy`: proxy settings that route RD Gateway (HTTPS) and web-client traffic somewhere else.
 * Linux: the http(s)_proxy / all_proxy / no_proxy environment variables (FreeRDP honours them
 * for gateway connections). Windows: the per-user Internet Settings and the WinHTTP proxy, both
 * from the registry (`reg query`; WinHTTP's is the binary `WinHttpSettings` value that
 * `netsh winhttp set proxy` writes, read by its layout instead of netsh's translated report).
 * macOS: `scutil --proxy`. Credentials inside proxy URLs are never reported.
 */
import type { Finding } from '../../shared/protocol/results.js';
import { execProblem, succeeded } from '../exec/exec.js';
import { regQuery, regValue } from '../exec/reg.js';
import { localCheck, wrongPlatform } from './local-check.js';
import { finding, result, skipped } from './result.js';
import type { Check } from './types.js';

export const INTERNET_SETTINGS_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
export const PROXY_ENV_NAMES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'];

/** Removes `user:password@` from a proxy URL. */
export function redactProxy(value: string): string {
  return value.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?[^@/\s]*@/i,
    (_m, scheme: string | undefined) => `${scheme ?? ''}***@`,
  );
}

export const WINHTTP_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections';
export const WINHTTP_VALUE = 'WinHttpSettings';
/** WINHTTP_PROXY_INFO access type bit "named proxy" in the blob's flags. */
const WINHTTP_FLAG_PROXY = 0x2;

/**
 * Decodes the `WinHttpSettings` REG_BINARY (as `reg` prints it, hex): a little-endian DWORD
 * structure size (0x18), a change counter, flags (1 direct, 3 named proxy), then the proxy string
 * and the bypass list, each an ASCII string after its DWORD length. Returns `direct`, the proxy, or
 * undefined when the bytes do not have that layout.
 */
export function parseWinHttpSettings(hex: string): 'direct' | { proxy: string; bypass?: string } | undefined {
  if (!/^([0-9A-Fa-f]{2})+$/.test(hex)) return undefined;
  const b = Buffer.from(hex, 'hex');
  if (b.length < 16 || b.readUInt32LE(0) !== 0x18) return undefined;
  const flags = b.readUInt32LE(8);
  const proxyLen = b.readUInt32LE(12);
  if (16 + proxyLen + 4 > b.length) return undefined;
  const proxy = b.toString('latin1', 16, 16 + proxyLen);
  const bypassLen = b.readUInt32LE(16 + proxyLen);
  const at = 20 + proxyLen;
  if (at + bypassLen > b.length) return undefined;
  const bypass = b.toString('latin1', at, at + bypassLen);
  if ((flags & WINHTTP_FLAG_PROXY) === 0 || proxy === '') return 'direct';
  return { proxy, ...(bypass ? { bypass } : {}) };
}

/** Parses `scutil --proxy` (`<dictionary> { HTTPSEnable : 1 … }`) into its top-level scalar keys. */
export function parseScutilProxy(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let depth = 0;
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z0-9]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (depth === 1 && m && !m[2]!.startsWith('<')) out[m[1]!] = m[2]!;
    if (line.includes('{')) depth += 1;
    if (line.includes('}')) depth -= 1;
  }
  return out;
}

export const proxyCheck: Check = localCheck({
  id: 'proxy',
  title: 'Proxy settings',
  kind: 'client',
  platforms: ['linux', 'win32', 'darwin'],
  description:
    'Reads the proxy settings that apply to RD Gateway and web clients (proxy environment variables on Linux, Internet Settings and WinHTTP on Windows, scutil --proxy on macOS) and reports any proxy in the way.',
  async run(_input, ctx, { deps, started }) {
    const findings: Finding[] = [];
    const evidence: Record<string, unknown> = {};
    const found: string[] = [];
    if (deps.platform === 'linux') {
      const vars: Record<string, string> = {};
      for (const name of [...PROXY_ENV_NAMES, 'no_proxy', 'NO_PROXY']) {
        const v = deps.env[name];
        if (v) vars[name] = name.toLowerCase() === 'no_proxy' ? v : redactProxy(v);
      }
      evidence.environment = vars;
      for (const name of PROXY_ENV_NAMES) if (vars[name]) found.push(`${name}=${vars[name]}`);
    } else if (deps.platform === 'win32') {
      const inet = await regQuery(deps.exec, INTERNET_SETTINGS_KEY, { signal: ctx.signal });
      if (inet.kind === 'problem') return skipped(this.id, started, inet.reason);
      const enabled = regValue(inet, 'ProxyEnable')?.value === 1;
      const server = regValue(inet, 'ProxyServer')?.value;
      const pac = regValue(inet, 'AutoConfigURL')?.value;
      const override = regValue(inet, 'ProxyOverride')?.value;
      evidence.internetSettings = {
        proxyEnable: enabled,
        proxyServer: typeof server === 'string' ? redactProxy(server) : null,
        proxyOverride: override ?? null,
        autoConfigURL: pac ?? null,
      };
      if (enabled && typeof server === 'string' && server) found.push(`Internet Settings proxy ${redactProxy(server)}`);
      if (typeof pac === 'string' && pac) found.push(`proxy auto-config script ${pac}`);
      const winhttp = await regQuery(deps.exec, WINHTTP_KEY, { value: WINHTTP_VALUE, signal: ctx.signal });
      if (winhttp.kind === 'absent') {
        evidence.winhttp = 'direct'; // never set: WinHTTP's default is direct access
      } else if (winhttp.kind === 'problem') {
        evidence.winhttp = winhttp.reason;
      } else {
        const raw = regValue(winhttp, WINHTTP_VALUE)?.raw ?? '';
        const p = parseWinHttpSettings(raw);
        if (p === undefined) evidence.winhttp = `WinHttpSettings has an unknown layout (${raw.slice(0, 40)})`;
        else if (p === 'direct') evidence.winhttp = 'direct';
        else {
          evidence.winhttp = { proxy: redactProxy(p.proxy), bypass: p.bypass ?? null };
          found.push(`WinHTTP proxy ${redactProxy(p.proxy)}`);
        }
      }
    } else if (deps.platform === 'darwin') {
      const r = await deps.exec('scutil', ['--proxy'], { signal: ctx.signal, timeoutMs: 10_000 });
      if (!succeeded(r)) return skipped(this.id, started, execProblem(r, 'read the system proxy settings'));
      const d = parseScutilProxy(r.stdout);
      evidence.scutil = d;
      for (const [kind, label] of [
        ['HTTPS', 'HTTPS'],
        ['HTTP', 'HTTP'],
        ['SOCKS', 'SOCKS'],
      ] as const) {
        if (d[`${kind}Enable`] === '1')
          found.push(`${label} proxy ${d[`${kind}Proxy`] ?? '?'}:${d[`${kind}Port`] ?? '?'}`);
      }
      if (d.ProxyAutoConfigEnable === '1') found.push(`proxy auto-config script ${d.ProxyAutoConfigURLString ?? '?'}`);
      if (d.ProxyAutoDiscoveryEnable === '1') found.push('proxy auto-discovery (WPAD)');
    } else {
      return wrongPlatform(this, deps.platform, started);
    }
    if (found.length === 0) {
      return result(this.id, started, { summary: 'No proxy is configured.', evidence, findings });
    }
    findings.push(
      finding(
        'proxy-configured',
        'warn',
        `A proxy is configured (${found.join('; ')}); RD Gateway and web-client connections go through it and fail if it blocks or inspects them.`,
        ['gateway-problem'],
      ),
    );
    return result(this.id, started, { summary: `Proxy configured: ${found.join('; ')}.`, evidence, findings });
  },
});
