/** Every certificate/protocol warning or failure names the clients it affects and where that is documented. */
import { describe, expect, it } from 'vitest';
import type { FindingId } from '../protocol/results.js';
import { CLIENT_IMPACT, clientImpact, clientLine } from './client-impact.js';

/** Certificate and protocol findings that can be a warning or a failure. */
const WARN_OR_FAIL: FindingId[] = [
  'nla-not-offered',
  'standard-rdp-only',
  'standard-rdp-offered',
  'ssl-cert-not-on-server',
  'tls-handshake-failed',
  'tls-old-version',
  'cert-expired',
  'cert-expiring-soon',
  'cert-not-yet-valid',
  'cert-self-signed',
  'cert-name-mismatch',
  'cert-weak-key',
  'cert-weak-signature',
  'cert-not-for-server-auth',
];

describe('client impact', () => {
  it.each(WARN_OR_FAIL)('%s names clients, each with its source', (id) => {
    const list = clientImpact(id);
    expect(list?.length, id).toBeGreaterThan(0);
    for (const c of list ?? []) {
      expect(['mstsc', 'windows-app', 'macos-app', 'freerdp']).toContain(c.client);
      expect(c.detail.length).toBeGreaterThan(10);
      // A documented behaviour cites a page or this project's own test; an undocumented one says so.
      if (c.effect === 'not-documented') expect(c.detail).toMatch(/not document|does not document/);
      else expect(c.source).toMatch(/^(https:\/\/|MS-RDPBCGR|tested here)/);
    }
  });
  it('no entry names a client twice', () => {
    for (const [id, list] of Object.entries(CLIENT_IMPACT)) {
      const names = (list ?? []).map((c) => c.client);
      expect(new Set(names).size, id).toBe(names.length);
    }
  });
  it('a SHA-1 signature on a self-signed certificate is not a refusal anywhere', () => {
    const self = clientImpact('cert-weak-signature', { selfSigned: true }) ?? [];
    expect(self.some((c) => c.effect === 'refuses')).toBe(false);
    expect((clientImpact('cert-weak-signature') ?? []).some((c) => c.effect === 'refuses')).toBe(true);
  });
  it('says it in one line', () => {
    expect(clientLine(clientImpact('tls-old-version') ?? [])).toBe(
      'mstsc connects · FreeRDP refuses · macOS app: not documented',
    );
  });
});
