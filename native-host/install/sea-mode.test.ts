import { describe, expect, it } from 'vitest';
import { startedByBrowser } from './sea-mode.js';

describe('single executable: helper or command line', () => {
  it.each([
    [['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'], true],
    [['chrome-extension://abcdefghijklmnopabcdefghijklmnop/', '--parent-window=0'], true],
    [['/home/ana/.mozilla/native-messaging-hosts/com.rdpdoctor.host.json', 'rdp-doctor@rdpdoctor.dev'], true],
    [['C:\\ProgramData\\RDP Doctor\\com.rdpdoctor.host.firefox.json', 'rdp-doctor@rdpdoctor.dev'], true],
    [[], false],
    [['--version'], false],
    [['check', 'host.json'], false],
    [['scan', '--hosts', 'list.json'], false],
    [['explain', '0x904'], false],
    [['policy.json'], false],
  ])('%j → browser %s', (args, browser) => {
    expect(startedByBrowser(args)).toBe(browser);
  });
});
