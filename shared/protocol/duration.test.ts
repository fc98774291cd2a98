import { describe, expect, it } from 'vitest';
import { humanDuration, humanSkew, plural } from './duration';

const s = 1000;
const min = 60 * s;

describe('humanDuration', () => {
  it('agrees in number', () => {
    expect(humanDuration(1 * s)).toBe('1 second');
    expect(humanDuration(45 * s)).toBe('45 seconds');
    expect(humanDuration(5 * min)).toBe('5 minutes');
    expect(humanDuration(1 * min + 0)).toBe('60 seconds');
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(0, 'day')).toBe('0 days');
  });
  it('says "about" once it rounds and never shows raw minutes or fractional hours', () => {
    // 3048829 minutes: the skew an admin saw as "3048829 minutes" and "50813.8 h"
    const ms = 3048829 * min;
    expect(humanDuration(ms)).toBe('about 5 years 10 months');
    expect(humanSkew(-ms)).toBe('about 5 years 10 months behind');
    expect(humanDuration(5 * min + 30 * s)).toBe('about 6 minutes');
    expect(humanDuration(3 * 60 * min)).toBe('about 3 hours');
    expect(humanDuration(3 * 24 * 60 * min)).toBe('about 3 days');
    expect(humanDuration(400)).toBe('less than a second');
    for (const m of [1, 7, 119, 500, 5000, 50000, 3048829, 9e7]) {
      expect(humanDuration(m * min)).not.toMatch(/\d\.\d|\b1 [a-z]+s\b/);
    }
  });
});
