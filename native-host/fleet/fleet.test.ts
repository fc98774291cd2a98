import parsePrometheus from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { compareRows, readBaseline } from './baseline.js';
import { BUILTIN_POLICIES, policyFromPosture } from './builtin.js';
import { explainGradeTable, GRADE_RULES, gradeOf } from './grade.js';
import { nagiosResult } from './nagios.js';
import { evaluatePolicy, PolicyError } from './policy.js';
import { parsePolicy, policyToYaml } from './policy-yaml.js';
import type { Posture } from './posture.js';
import { PrometheusWriter } from './prometheus.js';
import { inShard, parseShard, shardOf } from './shard.js';

const DAY = 86_400_000;
/** One fixed "now" for every fixture, so two fixtures built a millisecond apart are equal. */
const NOW = Date.now();
function cert(over: Partial<NonNullable<Posture['certificate']>> = {}): NonNullable<Posture['certificate']> {
  return {
    subject: 'CN=rdp.corp.example',
    issuer: 'CN=Corp Issuing CA\nO=Corp',
    notBefore: new Date(NOW - 100 * DAY).toISOString(),
    notAfter: new Date(NOW + 200 * DAY).toISOString(),
    daysLeft: 200,
    selfSigned: false,
    trusted: true,
    nameMatches: true,
    keyType: 'rsa',
    keyBits: 2048,
    signatureHash: 'sha256',
    sha1: 'AA'.repeat(20),
    sha256: 'BB'.repeat(32),
    ...over,
  };
}
/** A well-configured server: NLA only, TLS 1.3, CA certificate, clock in sync. */
function good(over: Partial<Posture> = {}): Posture {
  return {
    rdp: true,
    accepts: { standardRdp: false, tls: false, nla: true },
    nlaRequired: true,
    tlsVersion: 'TLSv1.3',
    certificate: cert(),
    clockSkewSeconds: 2,
    ...over,
  };
}
const silent: Posture = {
  rdp: false,
  accepts: { standardRdp: undefined, tls: undefined, nla: undefined },
  nlaRequired: undefined,
  tlsVersion: undefined,
  certificate: undefined,
  clockSkewSeconds: undefined,
};

describe('policy files', () => {
  it('reads YAML and JSON, normalising TLS versions and thumbprints', () => {
    const y = parsePolicy(
      'name: corp\nsecurity:\n  require: [nla]\n  forbid: [standard-rdp]\ntls:\n  minVersion: 1.2\ncertificate:\n  pinnedSha256: ["bb:' +
        'bb:'.repeat(30) +
        'bb"]\n',
    );
    expect(y.tls?.minVersion).toBe('TLSv1.2');
    expect(y.certificate?.pinnedSha256?.[0]).toBe('BB'.repeat(32));
    const j = parsePolicy('{"name":"j","clock":{"maxSkewSeconds":60}}');
    expect(j.clock?.maxSkewSeconds).toBe(60);
  });

  it.each([
    ['', 'a policy is a mapping'],
    ['name: x\nsecurty: {}', 'unknown field "securty"'],
    ['name: x\nsecurity:\n  require: [kerberos]', '"kerberos" is not a protocol'],
    ['name: x\nsecurity:\n  require: [nla]\n  forbid: [nla]', 'both required and forbidden'],
    ['name: x\ntls:\n  minVersion: 2', 'tls.minVersion must be one of'],
    ['name: x\ncertificate:\n  minDaysLeft: -1', 'certificate.minDaysLeft must be a whole number'],
    ['name: x\ncertificate:\n  forbidSignatureHashes: [crc32]', '"crc32" is not one of'],
    ['name: x\ncertificate:\n  pinnedSha256: [abc]', 'is not a SHA-256 thumbprint'],
    ['name: [unclosed', 'not valid YAML or JSON'],
  ])('refuses %j with a message naming the field', (text, message) => {
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(PolicyError);
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(message);
  });

  it('every built-in policy validates and cites a reference for its benchmark rules', () => {
    for (const p of Object.values(BUILTIN_POLICIES)) {
      expect(parsePolicy(JSON.stringify(p)).name).toBe(p.name);
      expect(Object.keys(p.references ?? {}).length).toBeGreaterThan(0);
    }
    expect(BUILTIN_POLICIES.cis?.references?.['require-nla']).toMatch(/Network Level Authentication/);
  });
});

describe('policy evaluation', () => {
  const strict = BUILTIN_POLICIES.recommended!;

  it('a well-configured server passes every rule', () => {
    const r = evaluatePolicy(strict, good());
    expect(r.verdict).toBe('pass');
    expect(r.rules.every((x) => x.status === 'pass')).toBe(true);
  });

  it.each<[string, Partial<Posture>, string]>([
    ['NLA refused', { accepts: { standardRdp: false, tls: false, nla: false }, nlaRequired: false }, 'require-nla'],
    [
      'standard RDP accepted',
      { accepts: { standardRdp: true, tls: false, nla: true }, nlaRequired: false },
      'forbid-standard-rdp',
    ],
    ['TLS 1.0', { tlsVersion: 'TLSv1' }, 'tls-min-version'],
    ['expired', { certificate: cert({ daysLeft: -3 }) }, 'cert-min-days-left'],
    ['unreadable dates', { certificate: cert({ daysLeft: undefined }) }, 'cert-min-days-left'],
    ['1024-bit key', { certificate: cert({ keyBits: 1024 }) }, 'cert-key-size'],
    ['SHA-1', { certificate: cert({ signatureHash: 'sha1' }) }, 'cert-signature'],
    ['clock 10 min behind', { clockSkewSeconds: -600 }, 'clock-max-skew'],
  ])('%s fails exactly its rule', (_name, over, rule) => {
    const r = evaluatePolicy(strict, good(over));
    expect(r.verdict).toBe('fail');
    expect(r.rules.filter((x) => x.status === 'fail').map((x) => x.rule)).toEqual([rule]);
  });

  it('a silent server fails "reachable" and every other rule is not checked, never passed', () => {
    const r = evaluatePolicy(strict, silent);
    expect(r.rules.find((x) => x.rule === 'reachable')?.status).toBe('fail');
    expect(r.rules.filter((x) => x.rule !== 'reachable').every((x) => x.status === 'not-checked')).toBe(true);
  });

  it('a server without NLA never reveals its clock: the clock rule is not checked', () => {
    const r = evaluatePolicy({ name: 'c', clock: { maxSkewSeconds: 300 } }, good({ clockSkewSeconds: undefined }));
    expect(r.verdict).toBe('incomplete');
    expect(r.rules.at(-1)).toMatchObject({ rule: 'clock-max-skew', status: 'not-checked' });
  });

  it('issuers match by full name or common name; pins by thumbprint', () => {
    const p = (issuers: string[]) =>
      evaluatePolicy({ name: 'i', certificate: { trustedIssuers: issuers } }, good()).rules.at(-1)?.status;
    expect(p(['CN=Corp Issuing CA, O=Corp'])).toBe('pass');
    expect(p(['corp issuing ca'])).toBe('pass');
    expect(p(['CN=Other CA'])).toBe('fail');
    const pin = evaluatePolicy({ name: 'p', certificate: { pinnedSha256: ['BB'.repeat(32)] } }, good());
    expect(pin.verdict).toBe('pass');
  });

  it('references from the policy travel with the rule results', () => {
    const r = evaluatePolicy(BUILTIN_POLICIES.cis!, good({ accepts: { standardRdp: true, tls: true, nla: true } }));
    const f = r.rules.find((x) => x.rule === 'forbid-standard-rdp');
    expect(f?.status).toBe('fail');
    expect(f?.reference).toMatch(/security layer/);
  });

  it('a policy written from a server passes that server', () => {
    for (const p of [
      good(),
      good({ certificate: cert({ selfSigned: true, trusted: false, signatureHash: 'sha1' }) }),
    ]) {
      const { policy, notes } = policyFromPosture(p, 'rdp.corp.example');
      const reread = parsePolicy(policyToYaml(policy, notes));
      expect(evaluatePolicy(reread, p).verdict).toBe('pass');
    }
    const weak = policyFromPosture(good(), 'x').policy;
    expect(evaluatePolicy(weak, good({ accepts: { standardRdp: true, tls: false, nla: true } })).verdict).toBe('fail');
  });
});

describe('grades', () => {
  it.each<[string, Posture, string, string[]]>([
    ['best', good(), 'A+', []],
    ['TLS 1.2 only', good({ tlsVersion: 'TLSv1.2' }), 'A', ['no-tls-1.3']],
    ['self-signed', good({ certificate: cert({ selfSigned: true, trusted: false }) }), 'B', ['untrusted-cert']],
    [
      'no NLA, standard RDP accepted',
      good({ accepts: { standardRdp: true, tls: true, nla: true }, nlaRequired: false }),
      'C',
      ['standard-rdp-accepted', 'nla-not-required'],
    ],
    ['expired', good({ certificate: cert({ daysLeft: -1 }) }), 'D', ['cert-expired']],
    [
      'standard RDP only',
      good({
        accepts: { standardRdp: true, tls: false, nla: false },
        nlaRequired: false,
        tlsVersion: undefined,
        certificate: undefined,
      }),
      'F',
      ['standard-rdp-only'],
    ],
  ])('%s → %s', (_n, p, grade, ids) => {
    const g = gradeOf(p);
    expect(g.grade).toBe(grade);
    for (const id of ids) expect(g.reasons.map((r) => r.id)).toContain(id);
  });

  it('a server that did not answer gets no grade, not a bad one', () => {
    expect(gradeOf(silent).grade).toBe('-');
  });

  it('the explanation lists every rule with its cap', () => {
    const t = explainGradeTable();
    for (const r of GRADE_RULES) expect(t).toContain(r.id);
  });
});

describe('changes since a baseline', () => {
  const row = (p: Posture, grade = gradeOf(p).grade) => ({ target: 'a:3389', reachability: 'open', posture: p, grade });

  it('reports a replaced certificate, a moved expiry and NLA turned off', () => {
    const before = row(good());
    const after = row(
      good({
        accepts: { standardRdp: false, tls: true, nla: true },
        nlaRequired: false,
        certificate: cert({ sha256: 'CC'.repeat(32), notAfter: new Date(NOW + 400 * DAY).toISOString() }),
      }),
    );
    const c = compareRows(before, after);
    expect(c.kind).toBe('changed');
    expect(c.items.map((i) => i.id)).toEqual(
      expect.arrayContaining(['cert-replaced', 'cert-expiry-moved', 'nla-turned-off', 'protocol-offered', 'grade']),
    );
  });

  it('the same posture is "same"; an unknown target is "new"', () => {
    expect(compareRows(row(good()), row(good())).kind).toBe('same');
    expect(compareRows(undefined, row(good())).kind).toBe('new');
  });

  it('reads JSON Lines, skipping invalid-line rows and text that is not a row', () => {
    const text = [
      JSON.stringify(row(good())),
      'not json',
      JSON.stringify({ target: 'line 3', error: { code: 'x', message: 'y' } }),
      JSON.stringify({ target: 'b:3389', change: { kind: 'gone', items: [] } }),
      '',
    ].join('\n');
    const b = readBaseline(text);
    expect([...b.rows.keys()]).toEqual(['a:3389']);
    expect(b.skipped).toBe(2);
  });
});

describe('Prometheus exposition', () => {
  it('parses with a real exposition-format parser, one family per fact, labels escaped', () => {
    const w = new PrometheusWriter();
    w.add({ target: 'a:3389', posture: good(), grade: 'A+', durationMs: 41 });
    w.add({ target: 'we"ird\\name\n:3389', posture: silent, grade: '-', durationMs: 2000 });
    w.add({
      target: 'c:3389',
      posture: good({ certificate: cert({ daysLeft: -5 }) }),
      grade: 'D',
      durationMs: 30,
      policy: { policy: 'cis', verdict: 'fail', rules: [] },
    });
    const text = w.render({ targets: 3 });
    const families = parsePrometheus(text) as {
      name: string;
      type: string;
      metrics: { value: string; labels?: Record<string, string> }[];
    }[];
    const byName = new Map(families.map((f) => [f.name, f]));
    expect(byName.get('rdp_doctor_up')?.metrics.map((m) => m.value)).toEqual(['1', '0', '1']);
    expect(byName.get('rdp_doctor_up')?.metrics[1]?.labels?.target).toBe('we"ird\\name\n:3389');
    expect(byName.get('rdp_doctor_certificate_days_left')?.metrics.map((m) => m.value)).toEqual(['200', '-5']);
    expect(byName.get('rdp_doctor_policy_pass')?.metrics[0]).toMatchObject({ value: '0', labels: { policy: 'cis' } });
    expect(byName.get('rdp_doctor_grade_info')?.metrics.map((m) => m.labels?.grade)).toEqual(['A+', '-', 'D']);
    expect(byName.get('rdp_doctor_scan_targets')?.metrics[0]?.value).toBe('3');
    for (const f of families) expect(f.type).toBe('GAUGE');
  });
});

describe('Nagios plugin output', () => {
  const base = { target: 'a:3389', findings: [], durationMs: 40, warningDays: 30, criticalDays: 7 };
  const LINE = /^RDP (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]+ \| ([a-z_]+=-?[\d.]+[a-z%]*;[\d.]*;[\d.]*;;\s?)+$/;

  it.each<[string, Partial<Parameters<typeof nagiosResult>[0]>, number]>([
    ['healthy', { posture: good() }, 0],
    ['expiring in 20 days', { posture: good({ certificate: cert({ daysLeft: 20 }) }) }, 1],
    ['expiring in 3 days', { posture: good({ certificate: cert({ daysLeft: 3 }) }) }, 2],
    ['silent', { posture: silent }, 2],
    [
      'warn finding',
      { posture: good(), findings: [{ id: 'cert-self-signed', severity: 'warn', summary: 'self-signed' }] },
      1,
    ],
    [
      'policy failure',
      {
        posture: good(),
        policy: { policy: 'cis', verdict: 'fail', rules: [{ rule: 'require-nla', status: 'fail', detail: '' }] },
      },
      2,
    ],
  ])('%s → exit %s, one line with performance data', (_n, over, code) => {
    const r = nagiosResult({ ...base, posture: good(), ...over });
    expect(r.code).toBe(code);
    expect(r.line).toMatch(LINE);
  });

  it('server text cannot break the line or start performance data', () => {
    const r = nagiosResult({
      ...base,
      posture: silent,
      findings: [{ id: 'not-rdp', severity: 'fail', summary: 'evil\n| fake=1 \u001b[2J\u202e' }],
    });
    expect(r.line.split('\n')).toHaveLength(1);
    expect(r.line.match(/\|/g)).toHaveLength(1);
    expect(r.line).not.toMatch(/[\u0000-\u001f\u202e]/);
  });
});

describe('shards', () => {
  it('parses K/N and refuses nonsense', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/8', '9/8', '1/0', 'a/b', '1-2', undefined]) expect(typeof parseShard(bad)).toBe('string');
  });

  it('shards 1..N of 1,000 targets union to exactly the list, with no overlap', () => {
    const targets = Array.from({ length: 1000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.7:3389`);
    for (const n of [1, 3, 8]) {
      const seen = new Map<string, number>();
      for (let k = 1; k <= n; k++)
        for (const t of targets) if (inShard(t, { index: k, count: n })) seen.set(t, (seen.get(t) ?? 0) + 1);
      expect(seen.size).toBe(1000);
      expect([...seen.values()].every((c) => c === 1)).toBe(true);
    }
    const sizes = [1, 2, 3, 4].map((k) => targets.filter((t) => shardOf(t, 4) === k).length);
    for (const s of sizes) expect(s).toBeGreaterThan(150);
  });
});
