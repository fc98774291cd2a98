import { describe, expect, it } from 'vitest';
import { explainCode, lookup } from '../../shared/catalog/index.js';
import { explainText } from '../../shared/explain/events.js';
import { meaningOf } from './meaning';

describe('meaningOf (the in-page card)', () => {
  it('shows a Windows event id in decimal, as Event Viewer does', () => {
    const m = meaningOf({ namespace: 'event-id', code: 36870 });
    expect(m.code).toBe('36870');
    expect(m.summary).not.toMatch(/0x9006/i);
  });

  it('keeps hex for the families written in hex; the symbolic name is a detail, never the code shown', () => {
    const m = meaningOf({ namespace: 'disconnect-reason', code: 0x904 });
    expect(m.code).toBe('0x904');
    expect(m.name).toBe('disconnectReasonAtClientWinsockFDCLOSE');
    expect(m.summary).toBe(lookup('disconnect-reason', 0x904)!.summary);
  });

  it('is the catalogue entry itself, known or not', () => {
    const unknown = meaningOf({ namespace: 'hresult', code: 0x8badf00d });
    expect(unknown.unknown).toBe(true);
    expect(unknown.name).toBeNull();
    expect(unknown.summary).toBe(explainCode('hresult', 0x8badf00d).summary);
    expect(unknown.actor).toBe('unknown');
  });

  it('a code read with its extended code means what the pair means, said as explain says it', () => {
    const pair = [
      { namespace: 'disconnect-reason', code: 0x904 },
      { namespace: 'extended-reason', code: 7 },
    ] as const;
    const onError = meaningOf(pair[0], pair);
    const onExtended = meaningOf(pair[1], pair);
    const explained = explainText('Error code: 0x904\nExtended error code: 0x7').events[0]!;
    for (const m of [onError, onExtended]) {
      expect(m.summary).toBe(explained.summary);
      expect(m.summary).toMatch(/^The server denied the connection/);
      expect(m.actor).toBe(explained.actor);
    }
    // Each mark still names its own code.
    expect([onError.code, onExtended.code]).toEqual(['0x904', '0x7']);
  });
});
