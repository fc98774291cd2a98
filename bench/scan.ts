/**
 * Fleet scan throughput and memory: `rdp-doctor scan` over 1,000 and 10,000 loopback targets at
 * concurrency 100 and 500, and nmap's RDP scripts over the same lists, in one run.
 * The lists mix a few live servers (xrdp with a valid and an expired certificate, the FreeRDP NLA
 * server) with closed ports; the baseline is nmap on the identical list.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingBinaries, type ServerName, startRdpServers } from '../test/harness/rdp-servers.js';
import { ROOT } from './util.js';

const CLI = join(ROOT, 'bin/rdp-doctor.mjs');
const LIVE: Partial<Record<ServerName, string>> = {
  'xrdp-negotiate-valid': '127.9.255.1',
  'xrdp-negotiate-expired': '127.9.255.2',
  'shadow-nla': '127.9.255.3',
};
const SIZES = (process.env.BENCH_SCAN_SIZES ?? '1000,10000').split(',').map(Number);
const CONCURRENCY = [100, 500];
const NMAP_MAX = Number(process.env.BENCH_SCAN_NMAP_MAX ?? 10_000);

interface Run {
  seconds: number;
  peakRssMiB: number;
  code: number | null;
  stdout: string;
}

/** Runs a command, sampling its peak resident memory (VmHWM) from /proc until it exits. */
function measure(cmd: string, args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    let peak = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.length > 64 * 2 ** 20) stdout = stdout.slice(-(2 ** 20));
    });
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {
        // exited
      }
    };
    const timer = setInterval(sample, 25);
    const kill = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('exit', (code) => {
      clearInterval(timer);
      clearTimeout(kill);
      resolve({ seconds: (performance.now() - t0) / 1000, peakRssMiB: peak / 1024, code, stdout });
    });
  });
}

function targetList(n: number): string {
  const live = Object.values(LIVE);
  const lines: string[] = [...live];
  for (let i = 0; lines.length < n; i++) lines.push(`127.9.${i >> 8}.${i & 255}`);
  return `${lines.slice(0, n).join('\n')}\n`;
}

const missing = missingBinaries(Object.keys(LIVE) as ServerName[]);
if (missing.length > 0) {
  console.log(JSON.stringify({ name: 'scan', title: 'Fleet scan', error: `missing: ${missing.join(', ')}` }));
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-bench-scan-'));
const servers = await startRdpServers(Object.keys(LIVE) as ServerName[], { addressOf: (n) => LIVE[n]! });
const rows: Record<string, string | number>[] = [];
try {
  for (const n of SIZES) {
    const file = join(dir, `targets-${n}.txt`);
    writeFileSync(file, targetList(n));
    for (const c of CONCURRENCY) {
      const r = await measure(
        process.execPath,
        [CLI, 'scan', '--hosts', file, '--format', 'json', '--concurrency', String(c), '--timeout', '3000'],
        20 * 60_000,
      );
      const lines = r.stdout.trim().split('\n').filter(Boolean);
      const expired = lines.filter((l) => l.includes('"cert-expired"')).length;
      rows.push({
        tool: `rdp-doctor scan -c ${c}`,
        targets: n,
        'wall s': r.seconds.toFixed(1),
        'targets/s': (n / r.seconds).toFixed(0),
        'peak RSS MiB': r.peakRssMiB.toFixed(0),
        results: lines.length,
        'expired certs found': expired,
      });
    }
    if (n <= NMAP_MAX && existsSync('/usr/bin/nmap')) {
      const r = await measure(
        'nmap',
        ['-n', '-Pn', '-T4', '-p', '3389', '--script', 'rdp-enum-encryption,rdp-ntlm-info', '-iL', file, '-oG', '-'],
        30 * 60_000,
      );
      rows.push({
        tool: 'nmap rdp-enum-encryption,rdp-ntlm-info',
        targets: n,
        'wall s': r.seconds.toFixed(1),
        'targets/s': (n / r.seconds).toFixed(0),
        'peak RSS MiB': r.peakRssMiB.toFixed(0),
        results: (r.stdout.match(/^Host: .*Ports:/gm) ?? []).length,
        'expired certs found': 'n/a (cannot read RDP certificates)',
      });
    }
  }
} finally {
  await servers.stop();
  rmSync(dir, { recursive: true, force: true });
}

const ratios: Record<string, string> = {};
for (const n of SIZES) {
  const nm = rows.find((r) => r.targets === n && String(r.tool).startsWith('nmap'));
  for (const c of CONCURRENCY) {
    const ours = rows.find((r) => r.targets === n && r.tool === `rdp-doctor scan -c ${c}`);
    if (nm && ours)
      ratios[`${n} targets, -c ${c}: nmap time / rdp-doctor time`] = (
        Number(nm['wall s']) / Number(ours['wall s'])
      ).toFixed(2);
  }
}
console.log(
  JSON.stringify({
    name: 'scan',
    title: 'Fleet scan: targets per second and peak memory',
    baseline: 'nmap -n -Pn -T4 -p 3389 --script rdp-enum-encryption,rdp-ntlm-info on the same list',
    rows,
    ratios,
    notes: [
      'Lists: 3 live servers (xrdp valid and expired certificate, FreeRDP NLA) plus closed loopback ports (127.9.x.y).',
      'Peak RSS is VmHWM sampled from /proc every 25 ms.',
    ],
  }),
);
