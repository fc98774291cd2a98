/**
 * The scenario matrix: every live test server (probe results recorded from the real loopback servers,
 * see test/fixtures/scenarios/README.md) × the common error texts. Each row of
 * test/fixtures/scenarios/matrix.md says which fix must come first, which causes must be confirmed
 * (exactly), which must be ruled out (at least), and which fixes must not reach the top three.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../protocol/results.js';
import { diagnoseText } from './index.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/scenarios');

/** The live servers of test/harness/rdp-servers.ts, by the recording of their probe. */
const MATRIX_SERVERS: Readonly<Record<string, string>> = {
  valid: 'xrdp-negotiate-valid',
  expired: 'xrdp-negotiate-expired',
  'not-yet-valid': 'xrdp-negotiate-notyet',
  'wrong-name': 'xrdp-negotiate-wrongname',
  weak: 'xrdp-negotiate-weak',
  'tls-1.0': 'xrdp-tls10',
  'standard-rdp-only': 'xrdp-rdp-valid',
  'tls-only': 'xrdp-tls-valid',
  nla: 'shadow-nla',
  'nla+expired': 'shadow-nla-expired',
  silent: 'silent',
  http: 'http',
  closed: 'closed',
  unresolvable: 'constructed-dns-failed',
  // Windows-shaped servers (Windows' certificate shape, Windows protocol bytes), recorded the same way.
  'windows-xrdp': 'xrdp-windows',
  'windows-shadow': 'shadow-windows',
  'windows-replay': 'replay-windows',
  'windows-2008r2-replay': 'replay-windows-2008r2',
};

/** The common texts people bring. */
const MATRIX_TEXTS: Readonly<Record<string, string>> = {
  '0x204': "Remote Desktop can't connect to the remote computer for one of these reasons. Error code: 0x204",
  '0x904+0x7': 'Your Remote Desktop session has ended. Error code: 0x904 Extended error code: 0x7',
  '0x907':
    'The connection has been terminated because an unexpected server authentication certificate was received from the remote computer. Error code: 0x907 Extended error code: 0x0',
  '0x80090327': 'An authentication error has occurred. Code: 0x80090327',
  credssp:
    'An authentication error has occurred. The function requested is not supported. Remote computer: rdp01. This could be due to CredSSP encryption oracle remediation.',
  SSL_NOT_ALLOWED_BY_SERVER: '[ERROR][com.freerdp.core.nego] - Error: SSL_NOT_ALLOWED_BY_SERVER',
  HYBRID_REQUIRED_BY_SERVER: '[ERROR][com.freerdp.core.nego] - Error: HYBRID_REQUIRED_BY_SERVER',
  '0x3000046': "We couldn't connect to the remote PC. Error code: 0x3000046",
  unknown: 'Remote Desktop error. Error code: 0x2F07',
};

interface Row {
  server: string;
  text: string;
  firstFix: string;
  confirmed: string[];
  ruledOut: string[];
  notTop3: string[];
}

/** Causes whose being ruled out the table records (the full list is long and says little more). */
const WATCHED = [
  'cert-expired',
  'cert-not-yet-valid',
  'cert-name-mismatch',
  'cert-untrusted',
  'cert-weak',
  'dns-failure',
  'port-closed',
  'rdp-disabled',
  'rds-service-down',
  'not-rdp-service',
  'nla-required',
  'credssp-oracle-policy',
  'clock-skew',
];

const list = (cell: string) =>
  cell
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '' && x !== '—');

function readRows(): Row[] {
  const lines = readFileSync(join(DIR, 'matrix.md'), 'utf8').split('\n');
  return lines
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Server') && !l.startsWith('|--'))
    .map((l) => {
      const c = l.split('|').map((x) => x.trim());
      return {
        server: c[1]!,
        text: c[2]!,
        firstFix: c[3]!,
        confirmed: list(c[4]!),
        ruledOut: list(c[5]!),
        notTop3: list(c[6]!),
      };
    });
}

function checksOf(server: string): CheckResult[] {
  return JSON.parse(readFileSync(join(DIR, 'probes', `${MATRIX_SERVERS[server]}.json`), 'utf8')) as CheckResult[];
}

const run = (row: Pick<Row, 'server' | 'text'>) => diagnoseText(MATRIX_TEXTS[row.text]!, checksOf(row.server));

/** Fixes the rules keep out of the top three (no Azure, no security product, no NLA failure, …). */
function policyNotTop3(server: string, text: string): string[] {
  const out = ['reset-rdp-configuration-azure', 'allow-rdp-through-security-software'];
  if (!['credssp', '0x80090327', 'HYBRID_REQUIRED_BY_SERVER'].includes(text)) out.push('adjust-nla-setting');
  if (server === 'standard-rdp-only') out.push('enable-nla-on-client', 'adjust-nla-setting');
  if (server === 'unresolvable') out.push('enable-remote-desktop', 'restart-remote-desktop-services');
  if (server === 'silent') out.push('regenerate-rdp-certificate');
  return out;
}

if (process.env.UPDATE_MATRIX === '1') {
  const out = [
    '# Scenario matrix',
    '',
    'Live test server (recorded probe) × common text. `confirmed` must match exactly; `ruled out` must all be',
    'ruled out; `not in top 3` must not be among the first three fixes. Read by `shared/diagnose/matrix.test.ts`.',
    '',
    '| Server | Text | First fix | Confirmed | Ruled out (at least) | Not in top 3 |',
    '|---|---|---|---|---|---|',
  ];
  const old = new Map(readRows().map((r) => [`${r.server}|${r.text}`, r]));
  for (const server of Object.keys(MATRIX_SERVERS)) {
    for (const text of Object.keys(MATRIX_TEXTS)) {
      const d = run({ server, text });
      const confirmed = d.causes.filter((c) => c.state === 'confirmed').map((c) => c.id);
      const ruled = d.causes.filter((c) => c.state === 'ruled-out' && WATCHED.includes(c.id)).map((c) => c.id);
      const keep = [...new Set([...(old.get(`${server}|${text}`)?.notTop3 ?? []), ...policyNotTop3(server, text)])];
      out.push(
        `| ${server} | ${text} | ${d.fixes[0]?.id ?? '—'} | ${confirmed.join(', ') || '—'} | ${ruled.join(', ') || '—'} | ${keep.join(', ') || '—'} |`,
      );
    }
  }
  writeFileSync(join(DIR, 'matrix.md'), `${out.join('\n')}\n`);
}

describe('scenario matrix: live servers × common texts', () => {
  const rows = readRows();
  it('covers every server × every text', () => {
    expect(rows.length).toBe(Object.keys(MATRIX_SERVERS).length * Object.keys(MATRIX_TEXTS).length);
  });
  it.each(rows.map((r) => [`${r.server} × ${r.text}`, r] as const))('%s', (_name, row) => {
    const d = run(row);
    const ids = d.fixes.map((f) => f.id);
    expect(ids[0] ?? '—', `fixes: ${ids.join(', ')}`).toBe(row.firstFix);
    expect(
      d.causes
        .filter((c) => c.state === 'confirmed')
        .map((c) => c.id)
        .sort(),
    ).toEqual([...row.confirmed].sort());
    const ruled = d.causes.filter((c) => c.state === 'ruled-out').map((c) => c.id);
    for (const c of row.ruledOut) expect(ruled, `${c} should be ruled out`).toContain(c);
    for (const f of row.notTop3) expect(ids.slice(0, 3), `${f} must not be in the top three`).not.toContain(f);
    // Every fix names the cause it serves; a "same cause" line really is the same cause as an earlier fix.
    d.fixes.forEach((f, i) => {
      if (f.why.startsWith('Next step for the same cause')) {
        expect(
          d.fixes.slice(0, i).some((e) => e.serves === f.serves),
          f.why,
        ).toBe(true);
      }
    });
  });
});
