/** Typed evidence: recorded probe results read into their check's type; wrong types are dropped, never cast. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readEvidence, serverTimeOf } from './evidence.js';
import type { CheckResult } from './results.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/scenarios/probes');
const probe = (name: string) => JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as CheckResult[];

describe('readEvidence', () => {
  it('reads the recorded NLA + expired certificate probe into typed evidence', () => {
    const [reach, nego, cert, ntlm] = probe('shadow-nla-expired').map(readEvidence);
    expect(reach?.checkId === 'reachability' && reach.evidence.addresses[0]?.verdict).toBe('open');
    expect(nego?.checkId === 'negotiation' && nego.evidence.requirement).toBe('nla');
    expect(nego?.checkId === 'negotiation' && nego.evidence.matrix.map((m) => m.verdict)).toContain('accepted');
    expect(cert?.checkId === 'certificate' && cert.evidence.leaf?.notAfter).toBe('2025-11-17T02:38:12.000Z');
    expect(cert?.checkId === 'certificate' && cert.evidence.leaf?.selfSigned).toBe(true);
    expect(ntlm?.checkId === 'ntlm-info' && ntlm.evidence.productVersion).toBe('6.1.7601');
  });

  it('keeps an address that reset the connection (the reachability check reports it)', () => {
    const e = readEvidence({
      checkId: 'reachability',
      status: 'fail',
      evidence: {
        host: 'h',
        port: 3389,
        dns: { ok: true, ms: 1 },
        addresses: [{ address: '127.0.0.1', family: 4, verdict: 'reset', code: 'ECONNRESET', ms: 2 }],
      },
    });
    expect(e?.checkId === 'reachability' && e.evidence.addresses.map((a) => a.verdict)).toEqual(['reset']);
  });

  it('a silent listener: every negotiation attempt went unanswered', () => {
    const nego = readEvidence(probe('silent')[1]!);
    expect(nego?.checkId === 'negotiation' && nego.evidence.matrix.every((m) => m.verdict === 'no-answer')).toBe(true);
  });

  it('skipped results and local checks have no typed evidence; fields of the wrong type are dropped', () => {
    expect(readEvidence(probe('closed')[1]!)).toBeUndefined();
    expect(readEvidence({ checkId: 'clock', status: 'pass', evidence: {} })).toBeUndefined();
    const odd = readEvidence({
      checkId: 'certificate',
      status: 'fail',
      evidence: { host: 1, leaf: { notAfter: 42, daysLeft: 'soon', selfSigned: 'yes', subject: 'CN=x' } },
    });
    expect(odd).toEqual({ checkId: 'certificate', evidence: { host: '', port: 0, leaf: { subject: 'CN=x' } } });
  });

  it('serverTimeOf reads the NTLM clock and nothing else', () => {
    expect(serverTimeOf(probe('shadow-nla')[3]!)).toMatch(/^\d{4}-/);
    expect(serverTimeOf({ checkId: 'clock', status: 'pass', evidence: { serverTime: '2020-01-01' } })).toBeUndefined();
  });
});
