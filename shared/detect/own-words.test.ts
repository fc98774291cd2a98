/**
 * RDP Doctor reads back what it writes: every code the catalogue holds, under its family's heading as
 * explain, the popup and the reports write it ("Negotiation failure 0x2 (SSL_NOT_ALLOWED_BY_SERVER)",
 * "RD Gateway error 23003"), is detected as that family's code — never as another family's meaning
 * (a negotiation failure read as a disconnect reason said "not an error").
 */
import { describe, expect, it } from 'vitest';
import { displayCode } from '../catalog/compact.js';
import { ALL_ENTRIES } from '../catalog/families.js';
import { codeHeading } from '../catalog/namespaces.js';
import { detect } from './index.js';

const written = ALL_ENTRIES.filter((e) => !e.nameOnly && displayCode(e.namespace, e.code) !== undefined);

describe('reading its own headings back', () => {
  it('covers every family that writes a number', () => {
    expect(new Set(written.map((e) => e.namespace)).size).toBeGreaterThanOrEqual(9);
  });

  it.each([
    [
      'the heading alone',
      (e: (typeof written)[number]) => codeHeading(e.namespace, displayCode(e.namespace, e.code)!, null),
    ],
    [
      'the heading with the name',
      (e: (typeof written)[number]) => codeHeading(e.namespace, displayCode(e.namespace, e.code)!, e.name),
    ],
  ])('%s: each code is found as its own family', (_how, heading) => {
    const misread: string[] = [];
    for (const e of written) {
      const text = heading(e);
      const found = detect(text, { assumeRdp: true });
      if (!found.some((d) => d.namespace === e.namespace && d.code >>> 0 === e.code >>> 0)) {
        misread.push(`${text} → ${found.map((d) => `${d.namespace} ${d.code >>> 0}`).join(', ') || 'nothing'}`);
      }
    }
    expect(misread).toEqual([]);
  });

  it('a number its heading names but the catalogue does not hold stays that family, unknown', () => {
    expect(detect('RD Gateway error 23999', { assumeRdp: true })).toMatchObject([
      { namespace: 'gateway', code: 23999 },
    ]);
    expect(detect('Azure Virtual Desktop error 4242', { assumeRdp: true })).toMatchObject([
      { namespace: 'avd', code: 4242 },
    ]);
    // A negotiation failure code is 1–6: any other number under that heading is read as if unlabelled.
    expect(detect('TLS negotiation failure 0x80090308', { assumeRdp: true })).toMatchObject([
      { namespace: 'hresult', code: 0x80090308 },
    ]);
  });
});
