/**
 * The negotiation check against a loopback server that replays recorded xrdp/FreeRDP replies
 * (test/fixtures/rdp/x224-replies.json) per requested protocol, plus the pure assessment table.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSocketCount } from '../probe/net.js';
import { fromHex, toHex } from '../rdp/bytes.js';
import { assessMatrix, type ProtocolOutcome, requirementText, runNegotiation } from './negotiation.js';

const recorded: { server: string; request: string; reply: string }[] = JSON.parse(
  readFileSync(new URL('../../test/fixtures/rdp/x224-replies.json', import.meta.url), 'utf8'),
);

let server: net.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A TCP server that answers each Connection Request with the reply a recorded server gave to it. */
async function replay(name: string): Promise<number> {
  const byRequest = new Map(recorded.filter((r) => r.server === name).map((r) => [r.request, r.reply]));
  server = net.createServer((s) => {
    s.on('error', () => {});
    s.once('data', (d) => {
      const reply = byRequest.get(toHex(d));
      if (reply) s.write(fromHex(reply));
      s.end();
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.44', () => r()));
  return (server.address() as net.AddressInfo).port;
}

const ctx = { signal: new AbortController().signal };
const ids = (fs: { id: string; severity: string }[]) => fs.map((f) => `${f.severity}:${f.id}`).sort();

describe('negotiation on replayed replies', () => {
  it.each([
    ['shadow-nla', 'nla', ['info:nla-required']],
    ['shadow-rdp', 'standard-rdp-only', ['warn:nla-not-offered', 'warn:standard-rdp-only']],
    ['xrdp-tls-valid', 'tls', ['info:tls-required', 'warn:nla-not-offered']],
    ['xrdp-rdp-valid', 'standard-rdp-only', ['warn:nla-not-offered', 'warn:standard-rdp-only']],
    ['xrdp-negotiate-valid', 'any', ['warn:nla-not-offered', 'warn:standard-rdp-offered']],
  ])('%s → %s', async (name, requirement, expected) => {
    const port = await replay(name);
    const r = await runNegotiation({ host: '127.0.0.44', port, timeoutMs: 5000 }, ctx);
    expect(r.evidence.requirement).toBe(requirement);
    expect(ids(r.findings)).toEqual(expected);
    const rdsaad = (r.evidence.matrix as ProtocolOutcome[]).find((m) => m.protocol === 'RDSAAD');
    if (name.startsWith('xrdp')) expect(rdsaad?.verdict).toBe('disconnected');
    // Whole sentences naming only what the server accepted.
    expect(r.summary).toMatch(/^The server (requires|offers|accepts) /);
    if (!expected.includes('info:nla-required')) expect(r.summary).not.toMatch(/NLA(?! is not offered)(?!\))/);
    await vi.waitFor(() => expect(openSocketCount()).toBe(0));
  });
});

const o = (protocol: ProtocolOutcome['protocol'], v: string, extra: Record<string, unknown> = {}): ProtocolOutcome =>
  ({ protocol, verdict: v, ms: 1, reply: '', flags: [], ...extra }) as ProtocolOutcome;
const refused = (p: ProtocolOutcome['protocol'], code: number) => o(p, 'refused', { code, codeName: String(code) });

describe('requirementText', () => {
  it('says "as well as" only of protocols the server accepted', () => {
    const tlsOnly = [o('RDP', 'accepted'), o('SSL', 'accepted'), o('HYBRID', 'downgraded', { selected: 'RDP' })];
    expect(assessMatrix(tlsOnly).requirement).toBe('any');
    expect(requirementText('any', tlsOnly)).toBe('accepts standard RDP security as well as TLS; NLA is not offered');
    const both = [o('RDP', 'accepted'), o('SSL', 'accepted'), o('HYBRID', 'accepted')];
    expect(requirementText('any', both)).toBe('accepts standard RDP security as well as TLS and NLA');
    expect(requirementText('standard-rdp-only', [])).toMatch(/^offers standard RDP security only/);
  });
});

describe('assessMatrix', () => {
  it('legacy server: standard RDP only', () => {
    const m = ['RDP', 'SSL', 'HYBRID', 'HYBRID_EX', 'RDSTLS', 'RDSAAD'].map((p) => o(p as never, 'legacy'));
    const a = assessMatrix(m);
    expect(a.requirement).toBe('standard-rdp-only');
    expect(a.findings[0]?.summary).toMatch(/legacy/);
  });
  it('SSL_CERT_NOT_ON_SERVER is a fail finding', () => {
    const a = assessMatrix([o('RDP', 'accepted'), refused('SSL', 3), refused('HYBRID', 3)]);
    expect(a.requirement).toBe('no-certificate');
    expect(a.findings.map((f) => `${f.severity}:${f.id}`)).toContain('fail:ssl-cert-not-on-server');
  });
  it('TLS or NLA: SSL_REQUIRED for RDP, SSL and HYBRID accepted', () => {
    const a = assessMatrix([refused('RDP', 1), o('SSL', 'accepted'), o('HYBRID', 'accepted')]);
    expect(a.requirement).toBe('tls-or-nla');
    expect(a.findings.map((f) => f.id)).toEqual(['tls-required']);
  });
  it('TLS with client certificates', () => {
    expect(assessMatrix([refused('RDP', 6), refused('SSL', 6)]).requirement).toBe('tls-client-cert');
  });
  it('HTTP or SSH answer: not-rdp; silence: not-rdp with another summary; closed everywhere: nothing', () => {
    const http = assessMatrix([o('RDP', 'not-rdp', { received: '48545450', reason: 'x' })]);
    expect(http.findings).toMatchObject([{ id: 'not-rdp', severity: 'fail' }]);
    expect(http.findings[0]?.summary).toMatch(/"HTTP"/);
    const silent = assessMatrix([
      o('RDP', 'no-answer', { reason: 'timeout' }),
      o('SSL', 'no-answer', { reason: 'timeout' }),
    ]);
    expect(silent.findings[0]?.summary).toMatch(/nothing answers/);
    expect(assessMatrix([o('RDP', 'connect-failed', { reason: 'refused' })]).findings).toEqual([]);
  });
});
