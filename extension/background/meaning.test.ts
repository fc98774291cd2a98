import { describe, expect, it } from 'vitest';
import { meaningOf } from './meaning';

describe('meaningOf (the in-page card)', () => {
  it('shows a Windows event id in decimal, as Event Viewer does', () => {
    const m = meaningOf('event-id', 36870);
    expect(m?.code).toBe('36870');
    expect(m?.summary).not.toMatch(/0x9006/i);
  });
  it('keeps hex for the families written in hex', () => {
    expect(meaningOf('disconnect-reason', 0x904)?.code).toBe('0x904');
  });
});
