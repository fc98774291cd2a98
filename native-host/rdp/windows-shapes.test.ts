/**
 * The protocol decoders on Windows-shaped bytes (test/fixtures/rdp/windows/: the replay server's
 * X.224 Connection Confirms and NTLM CHALLENGEs, built from MS-RDPBCGR / MS-NLMP and published captures),
 * and the negotiation check against those replies.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runNegotiation } from '../checks/negotiation.js';
import { fromHex, toHex } from './bytes.js';
import { decodeTsRequest } from './credssp.js';
import { decodeChallengeMessage } from './ntlm.js';
import { decodeConnectionConfirm } from './x224.js';

const read = <T>(f: string): T =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/rdp/windows/${f}`, import.meta.url), 'utf8'));
const x224 = read<{ server: string; requested: string; request: string; reply: string }[]>('x224-replies.json');
const challenges = read<Record<string, { capturedAt: string; reply: string }>>('credssp-challenges.json');
const reply = (server: string, requested: string) => {
  const r = x224.find((x) => x.server === server && x.requested === requested);
  if (!r) throw new Error(`no ${server} ${requested}`);
  return decodeConnectionConfirm(fromHex(r.reply));
};

describe('X.224 Connection Confirm of a Windows server with NLA required', () => {
  it('Server 2019: RDP_NEG_RSP flags 0x1f, HYBRID or HYBRID_EX selected, HYBRID_REQUIRED otherwise', () => {
    expect(reply('replay-windows', 'HYBRID')).toMatchObject({
      ok: true,
      value: { kind: 'response', selectedProtocolName: 'HYBRID', flags: 0x1f, srcRef: 0x1234 },
    });
    expect(reply('replay-windows', 'HYBRID_EX')).toMatchObject({
      ok: true,
      value: { selectedProtocolName: 'HYBRID_EX' },
    });
    for (const p of ['RDP', 'SSL', 'RDSTLS', 'RDSAAD', 'legacy']) {
      expect(reply('replay-windows', p)).toMatchObject({
        ok: true,
        value: { kind: 'failure', failureName: 'HYBRID_REQUIRED_BY_SERVER' },
      });
    }
  });
  it('Server 2008 R2: flags 0x01 and no HYBRID_EX', () => {
    expect(reply('replay-windows-2008r2', 'HYBRID_EX')).toMatchObject({
      ok: true,
      value: { selectedProtocolName: 'HYBRID', flags: 0x01, flagNames: ['EXTENDED_CLIENT_DATA_SUPPORTED'] },
    });
  });
});

describe('NTLM CHALLENGE of a Windows server', () => {
  const challenge = (server: string) => {
    const ts = decodeTsRequest(fromHex(challenges[server]!.reply));
    if (!ts.ok) throw new Error(ts.message);
    const c = decodeChallengeMessage(ts.value.negoTokens[0]!);
    if (!c.ok) throw new Error(c.message);
    return { ts: ts.value, c: c.value };
  };
  it('Server 2019 (10.0.17763): CredSSP 6, Windows flags, names, AV pair order and clock', () => {
    const { ts, c } = challenge('replay-windows');
    expect(ts.version).toBe(6);
    expect(c.productVersion).toBe('10.0.17763');
    expect(c.version).toEqual({ major: 10, minor: 0, build: 17763, revision: 15 });
    expect(c.negotiateFlags >>> 0).toBe(0xe28a8235);
    expect(c).toMatchObject({
      targetName: 'WIN-RDPD0CT0R19',
      nbComputerName: 'WIN-RDPD0CT0R19',
      nbDomainName: 'WIN-RDPD0CT0R19',
      dnsComputerName: 'WIN-RDPD0CT0R19',
      dnsDomainName: 'WIN-RDPD0CT0R19',
      dnsTreeName: undefined,
    });
    expect(c.avIds).toEqual([2, 1, 4, 3, 7, 0]);
    expect(Math.abs((c.timestampMs ?? 0) - Date.parse(challenges['replay-windows']!.capturedAt))).toBeLessThan(5_000);
  });
  it('Server 2008 R2 (6.1.7601): CredSSP 2', () => {
    const { ts, c } = challenge('replay-windows-2008r2');
    expect(ts.version).toBe(2);
    expect(c.productVersion).toBe('6.1.7601');
  });
  it('every truncation of the Windows CHALLENGE is a typed failure', () => {
    const ts = decodeTsRequest(fromHex(challenges['replay-windows']!.reply));
    if (!ts.ok) throw new Error(ts.message);
    const tok = ts.value.negoTokens[0]!;
    for (let n = 0; n < tok.length; n++) {
      const r = decodeChallengeMessage(tok.subarray(0, n));
      // A cut inside the AV pairs may still leave the names; it must never throw.
      expect(typeof r.ok).toBe('boolean');
    }
    expect(decodeChallengeMessage(tok.subarray(0, 40)).ok).toBe(false);
  });
});

let server: net.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

describe('negotiation check on the Windows replies', () => {
  it('reports NLA required and names the flags a Windows server sets', async () => {
    const byRequest = new Map(x224.filter((r) => r.server === 'replay-windows').map((r) => [r.request, r.reply]));
    server = net.createServer((s) => {
      s.on('error', () => {});
      s.once('data', (d) => {
        const answer = byRequest.get(toHex(d));
        if (answer) s.write(fromHex(answer));
        s.end();
      });
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.69', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const r = await runNegotiation(
      { host: '127.0.0.69', port, timeoutMs: 5000 },
      { signal: new AbortController().signal },
    );
    expect(r.evidence.requirement).toBe('nla');
    expect(r.findings.map((f) => `${f.severity}:${f.id}`)).toEqual(['info:nla-required']);
    const m = r.evidence.matrix as { protocol: string; verdict: string; flags?: string[] }[];
    expect(m.find((x) => x.protocol === 'HYBRID_EX')?.verdict).toBe('accepted');
    expect(m.find((x) => x.protocol === 'HYBRID')?.flags).toContain('RESTRICTED_ADMIN_MODE_SUPPORTED');
  });
});
