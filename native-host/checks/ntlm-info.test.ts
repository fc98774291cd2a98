import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_FAIL_MS, clockFindings, ntlmInfoCheck } from './ntlm-info.js';

describe('clockFindings', () => {
  it.each([
    [undefined, []],
    [0, ['info:server-clock-in-sync']],
    [-45_000, ['info:server-clock-in-sync']],
    [90_000, ['warn:clock-skew']],
    [-(CLOCK_SKEW_FAIL_MS + 1000), ['fail:clock-skew']],
    [2 * 3_600_000, ['fail:clock-skew']],
  ])('%s ms → %j', (skew, expected) => {
    expect(clockFindings(skew).map((f) => `${f.severity}:${f.id}`)).toEqual(expected);
  });
  it('says which side is ahead and by how much', () => {
    expect(clockFindings(2 * 3_600_000)[0]?.summary).toMatch(/about 2 hours ahead/);
    expect(clockFindings(-90_000)[0]?.summary).toMatch(/90 seconds behind/);
    expect(clockFindings(0)[0]?.rulesOut).toEqual(['clock-skew']);
  });
  it('is registered as a network check with a description', () => {
    expect(ntlmInfoCheck.id).toBe('ntlm-info');
    expect(ntlmInfoCheck.description.length).toBeGreaterThan(40);
  });
});
