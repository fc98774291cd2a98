import { describe, expect, it } from 'vitest';
import { checkCompatibility, parseProtocolVersion } from './compat.js';

const hello = (protocolVersion: string) => ({ protocolVersion, hostVersion: '9.9.9', capabilities: ['ping', 'probe'] });

describe('checkCompatibility', () => {
  const table: Array<[string, string, string]> = [
    // helper version, extension version, expected
    ['1.0', '1.0', 'ok'],
    ['1.3', '1.0', 'ok'],
    ['1.0', '1.2', 'ok-older-minor'],
    ['0.9', '1.0', 'update helper (helper-too-old)'],
    ['1.0', '2.0', 'update helper (helper-too-old)'],
    ['2.0', '1.0', 'update extension (helper-too-new)'],
    ['10.0', '9.5', 'update extension (helper-too-new)'],
    ['garbage', '1.0', 'update helper (unreadable-version)'],
    ['1', '1.0', 'update helper (unreadable-version)'],
    ['', '1.0', 'update helper (unreadable-version)'],
  ];
  it.each(table)('helper %s vs extension %s → %s', (helperV, extV, expected) => {
    const c = checkCompatibility(hello(helperV), extV);
    const got = c.compatible ? (c.helperOlderMinor ? 'ok-older-minor' : 'ok') : `update ${c.update} (${c.reason})`;
    expect(got).toBe(expected);
    if (!c.compatible) {
      expect(c.message).toContain('9.9.9');
      expect(c.message).toMatch(c.update === 'helper' ? /helper/ : /extension/);
    } else {
      expect([...c.capabilities]).toEqual(['ping', 'probe']);
    }
  });

  it('rejects a malformed extension version as a bug', () => {
    expect(() => checkCompatibility(hello('1.0'), 'x')).toThrow(/MAJOR.MINOR/);
  });

  it('parses versions', () => {
    expect(parseProtocolVersion('12.34')).toEqual({ major: 12, minor: 34 });
    expect(parseProtocolVersion(1.0)).toBeNull();
    expect(parseProtocolVersion('1.0.0')).toBeNull();
  });
});
