/**
 * `rdp-doctor check` against nmap's RDP scripts on the same real servers, in one run:
 *   npx tsx bench/probe-vs-nmap.ts
 * Each server listens on port 3389 of its own loopback address (so nmap runs its rdp-* scripts
 * without -sV). For every server: wall time of the probe engine (in process), of the built CLI
 * (`node dist/native-host/cli.mjs check ADDR --json`, when built) and of
 * `nmap -n -p 3389 --script rdp-enum-encryption,ssl-cert,rdp-ntlm-info ADDR`, and a table of which
 * facts each reported correctly, judged against the configuration the harness gave the server.
 * Prints Markdown, then one JSON line (the format `npm run bench` reads).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ProbeReport, runProbe } from '../native-host/engines/probe.js';
import {
  missingBinaries,
  type RunningServer,
  type ServerName,
  type ServerSpec,
  startRdpServers,
} from '../test/harness/rdp-servers.js';
import { median, ROOT } from './util.js';

const run = promisify(execFile);
const SERVERS: ServerName[] = [
  'xrdp-negotiate-valid',
  'xrdp-negotiate-expired',
  'xrdp-negotiate-wrongname',
  'xrdp-tls-valid',
  'xrdp-tls-notyet',
  'xrdp-tls-weak',
  'xrdp-rdp-valid',
  'xrdp-tls10',
  'shadow-nla',
  'shadow-nla-skewed',
  'shadow-nla-expired',
  'shadow-rdp',
  'closed',
  'http',
];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIMEOUT_MS = 10_000;
const CLI = join(ROOT, 'dist/native-host/cli.mjs');
const FIVE = ['RDP', 'SSL', 'HYBRID', 'HYBRID_EX', 'RDSTLS'];

/** What each server really accepts (from its configuration, cf. MS-RDPBCGR 2.2.1.2 and the harness). */
function trueAccepted(spec: ServerSpec): string[] | undefined {
  if (spec.kind === 'xrdp')
    return spec.security === 'negotiate' ? ['RDP', 'SSL'] : spec.security === 'tls' ? ['SSL'] : ['RDP'];
  if (spec.kind === 'shadow') return spec.security === 'nla' ? ['HYBRID'] : ['RDP'];
  return undefined;
}

interface Facts {
  accepted?: string[];
  notAfter?: string;
  subjectCN?: string;
  ntlmName?: string;
  serverTimeMs?: number;
  notRdp?: boolean;
}

function engineFacts(r: ProbeReport): Facts {
  const f: Facts = {};
  const matrix = r.negotiation.evidence.matrix as { protocol: string; verdict: string }[] | undefined;
  if (matrix && r.negotiation.evidence.isRdp) {
    f.accepted = matrix.filter((m) => m.verdict === 'accepted' && FIVE.includes(m.protocol)).map((m) => m.protocol);
  }
  const leaf = r.certificate.evidence.leaf as { notAfter?: string; commonName?: string } | undefined;
  if (leaf) {
    f.notAfter = leaf.notAfter;
    f.subjectCN = leaf.commonName;
  }
  const e = r.ntlm.evidence;
  if (r.ntlm.status !== 'skipped') {
    f.ntlmName = String(e.nbComputerName ?? '');
    if (typeof e.serverTime === 'string') f.serverTimeMs = Date.parse(e.serverTime);
  }
  f.notRdp = r.findings.some((x) => x.id === 'not-rdp');
  return f;
}

const NMAP_NAMES: Record<string, string> = {
  'CredSSP (NLA)': 'HYBRID',
  'CredSSP with Early User Auth': 'HYBRID_EX',
  'Native RDP': 'RDP',
  RDSTLS: 'RDSTLS',
  SSL: 'SSL',
};

function nmapFacts(out: string): Facts {
  const f: Facts = {};
  if (out.includes('rdp-enum-encryption:') && out.includes('Security layer')) {
    f.accepted = [];
    for (const m of out.matchAll(/^\|\s+(.+?): SUCCESS\s*$/gm)) {
      const p = NMAP_NAMES[m[1]?.trim() ?? ''];
      if (p) f.accepted.push(p);
    }
  }
  const na = /Not valid after:\s+(\S+)/.exec(out);
  if (na?.[1]) f.notAfter = new Date(`${na[1].replace(/Z?$/, '')}Z`).toISOString();
  const cn = /ssl-cert: Subject: commonName=([^/\n]+)/.exec(out);
  if (cn?.[1]) f.subjectCN = cn[1].trim();
  const nb = /NetBIOS_Computer_Name: (\S+)/.exec(out);
  if (nb?.[1]) f.ntlmName = nb[1];
  const st = /System_Time: (\S+)/.exec(out);
  if (st?.[1]) f.serverTimeMs = Date.parse(st[1]);
  return f;
}

type Verdict = 'correct' | 'wrong' | 'not reported';
const judge = (ok: boolean | undefined): Verdict => (ok === undefined ? 'not reported' : ok ? 'correct' : 'wrong');
const sameSet = (a: string[], b: string[]) => [...a].sort().join(',') === [...b].sort().join(',');

function judgeAll(s: RunningServer, f: Facts, now: number): Record<string, Verdict | 'n/a'> {
  const spec = s.spec;
  const accepted = trueAccepted(spec);
  const tlsServer =
    (spec.kind === 'xrdp' && spec.security !== 'rdp') || (spec.kind === 'shadow' && spec.security === 'nla');
  const nla = spec.kind === 'shadow' && spec.security === 'nla';
  const offsetMs = spec.clockOffset ? Number(/^\+(\d+)h$/.exec(spec.clockOffset)?.[1] ?? 0) * 3_600_000 : 0;
  return {
    'security layers': accepted ? judge(f.accepted && sameSet(f.accepted, accepted)) : 'n/a',
    'cert expiry':
      tlsServer && s.cert
        ? judge(f.notAfter === undefined ? undefined : f.notAfter === s.cert.notAfter.toISOString())
        : 'n/a',
    'cert subject':
      tlsServer && s.cert ? judge(f.subjectCN === undefined ? undefined : f.subjectCN === s.cert.commonName) : 'n/a',
    'NTLM computer name': nla
      ? judge(f.ntlmName === undefined ? undefined : f.ntlmName.toLowerCase() === hostname().toLowerCase().slice(0, 15))
      : 'n/a',
    'server clock': nla
      ? judge(f.serverTimeMs === undefined ? undefined : Math.abs(f.serverTimeMs - (now + offsetMs)) < 60_000)
      : 'n/a',
    'not an RDP service': spec.kind === 'http' ? judge(f.notRdp ? true : undefined) : 'n/a',
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function cliHasCheck(): Promise<boolean> {
  if (!existsSync(CLI)) return false;
  const r = await run(process.execPath, [CLI, '--help'], { timeout: 20_000 }).catch(() => ({ stdout: '' }));
  return /^\s+check\s/m.test(r.stdout);
}

const missing = missingBinaries(SERVERS);
if (missing.length > 0 || !existsSync('/usr/bin/nmap')) {
  console.log(JSON.stringify({ name: 'probe-vs-nmap', error: `missing ${[...missing, 'nmap'].join(', ')}` }));
  process.exit(1);
}
const useCli = await cliHasCheck();
const set = await startRdpServers(SERVERS);
const rows: Record<string, unknown>[] = [];
const facts: Record<string, unknown>[] = [];
const tally = {
  rdpDoctor: { correct: 0, wrong: 0, 'not reported': 0 },
  nmap: { correct: 0, wrong: 0, 'not reported': 0 },
};
let fasterEverywhere = true;
try {
  for (const name of SERVERS) {
    const s = set.servers[name];
    const engine: number[] = [];
    const cli: number[] = [];
    const nmap: number[] = [];
    let report: ProbeReport | undefined;
    let nmapOut = '';
    for (let i = 0; i < RUNS; i++) {
      const e = await timed(() => runProbe(s.host, { timeoutMs: TIMEOUT_MS }));
      engine.push(e.ms);
      report = e.value;
      if (useCli) {
        const c = await timed(() =>
          run(process.execPath, [CLI, 'check', s.host, '--json', '--timeout', String(TIMEOUT_MS)], {
            timeout: 60_000,
          }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' })),
        );
        cli.push(c.ms);
        report = JSON.parse(c.value.stdout) as ProbeReport;
      }
      const n = await timed(() =>
        run('nmap', ['-n', '-p', '3389', '--script', 'rdp-enum-encryption,ssl-cert,rdp-ntlm-info', s.host], {
          timeout: 120_000,
        }),
      );
      nmap.push(n.ms);
      nmapOut = n.value.stdout;
    }
    const now = Date.now();
    const ours = judgeAll(s, engineFacts(report!), now);
    const theirs = judgeAll(s, nmapFacts(nmapOut), now);
    for (const fact of Object.keys(ours)) {
      const a = ours[fact]!;
      const b = theirs[fact]!;
      if (a === 'n/a') continue;
      tally.rdpDoctor[a as Verdict] += 1;
      tally.nmap[b as Verdict] += 1;
      facts.push({ server: name, fact, 'rdp-doctor': a, nmap: b });
    }
    const ours_ms = median(useCli ? cli : engine);
    const nmap_ms = median(nmap);
    if (ours_ms >= nmap_ms) fasterEverywhere = false;
    rows.push({
      server: `${name} (${s.host}:3389)`,
      'engine ms': median(engine).toFixed(0),
      ...(useCli ? { 'rdp-doctor check ms': median(cli).toFixed(0) } : {}),
      'nmap ms': nmap_ms.toFixed(0),
      'nmap / rdp-doctor': (nmap_ms / ours_ms).toFixed(1),
    });
  }
} finally {
  await set.stop();
}

const md = [
  '| server | engine ms | rdp-doctor check ms | nmap ms | nmap / rdp-doctor |',
  '|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.server} | ${r['engine ms']} | ${r['rdp-doctor check ms'] ?? '—'} | ${r['nmap ms']} | ${r['nmap / rdp-doctor']} |`,
  ),
  '',
  '| server | fact | rdp-doctor | nmap |',
  '|---|---|---|---|',
  ...facts.map((f) => `| ${f.server} | ${f.fact} | ${f['rdp-doctor']} | ${f.nmap} |`),
];
console.log(md.join('\n'));
console.log(
  JSON.stringify({
    name: 'probe-vs-nmap',
    title: 'rdp-doctor check vs nmap rdp-enum-encryption,ssl-cert,rdp-ntlm-info',
    baseline: 'nmap -n -p 3389 --script rdp-enum-encryption,ssl-cert,rdp-ntlm-info ADDR, same servers, same run',
    rows,
    facts,
    summary: {
      'rdp-doctor facts': tally.rdpDoctor,
      'nmap facts': tally.nmap,
      'rdp-doctor faster on every server': fasterEverywhere,
      'timed by': useCli
        ? 'the built CLI process (node dist/native-host/cli.mjs check)'
        : 'the probe engine in process',
      'runs per server (median)': RUNS,
    },
    notes: [
      'Each server listens on 3389 of its own loopback address so nmap runs its rdp-* scripts without -sV; -n skips reverse DNS for both tools alike.',
      'Facts are judged against the configuration the harness gave each server: accepted security layers, certificate notAfter and CN, NTLM computer name, server clock (within 60 s, including the +2 h skewed server).',
    ],
  }),
);
