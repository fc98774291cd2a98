import { describe, expect, it } from 'vitest';
import { parseTimeout } from '../../shared/protocol/target.js';
import { memoryArea } from './memory-area.testkit.js';
import {
  annotationEnabled,
  builtInSiteFor,
  DEFAULT_SETTINGS,
  loadSettings,
  normalizeSettings,
  originPattern,
  parseCustomOrigin,
  SETTINGS_KEY,
  saveSettings,
} from './settings.js';

describe('settings', () => {
  it('falls back to defaults field by field', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    const s = normalizeSettings({ defaultPort: 70000, timeoutMs: 5000, sites: { 'rd-web': false, bogus: true } });
    expect(s.defaultPort).toBe(3389);
    expect(s.timeoutMs).toBe(5000);
    // The retired RD Web switch is ignored: RD Web is turned on per address.
    expect(s.sites).toEqual({ 'azure-portal': true, 'avd-web-client': true });
  });

  it.each([
    ['rdweb.contoso.com', 'https://rdweb.contoso.com'],
    ['https://RDWeb.Contoso.com/RDWeb/Pages/', 'https://rdweb.contoso.com'],
    ['https://rd.example.org:8443', 'https://rd.example.org:8443'],
    ['https://10.0.0.5/RDWeb', 'https://10.0.0.5'],
    ['https://[2001:db8::1]:8443', 'https://[2001:db8::1]:8443'],
    ['rdweb_01.corp.example', 'https://rdweb_01.corp.example'],
  ])('reads %s as an origin', (input, origin) => {
    expect(parseCustomOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', 'origin-empty'],
    ['https://*.contoso.com', 'origin-wildcard'],
    ['ftp://x.example', 'origin-scheme'],
    ['javascript:alert(1)', 'origin-invalid'],
    ['https://x.example/other?q=1', 'origin-has-path'],
    ['https://user:pw@x.example', 'origin-invalid'],
    // Chromium's URL parser reads these as the hosts `not%20a%20url` and `rd%3Cweb%3E` (Node's refuses them).
    ['not a url', 'origin-invalid'],
    ['https://rd web.example', 'origin-invalid'],
    ['rd%3Cweb%3E.example', 'origin-invalid'],
    ['rdweb..example', 'origin-invalid'],
  ])('refuses %s with %s', (input, code) => {
    expect(parseCustomOrigin(input)).toEqual({ ok: false, code });
  });

  it('covers an address on a port with a port-less match pattern (Firefox patterns cannot name one)', () => {
    expect(originPattern('https://rd.example.org:8443')).toBe('https://rd.example.org/*');
    expect(originPattern('https://rdweb.contoso.com')).toBe('https://rdweb.contoso.com/*');
    const s = normalizeSettings({ customOrigins: ['https://rd.example.org:8443'] });
    expect(annotationEnabled('https://rd.example.org:8443/RDWeb/', s)).toBe(true);
    expect(annotationEnabled('https://rd.example.org/RDWeb/', s)).toBe(false);
  });

  it('maps page URLs to sites and honours the switches', () => {
    expect(builtInSiteFor('https://portal.azure.com/#blade')).toBe('azure-portal');
    expect(builtInSiteFor('https://x.reactblade.portal.azure.net/a')).toBe('azure-portal');
    // No built-in RD Web match: to the browsers it would mean access to every site.
    expect(builtInSiteFor('https://rd.contoso.com/RDWeb/Pages/en-US/login.aspx')).toBeNull();
    expect(annotationEnabled('https://rd.contoso.com/RDWeb/Pages/en-US/login.aspx', DEFAULT_SETTINGS)).toBe(false);
    expect(builtInSiteFor('https://evilportal.azure.com.example/')).toBeNull();
    const s = normalizeSettings({ sites: { 'azure-portal': false }, customOrigins: ['https://rd.example'] });
    expect(annotationEnabled('https://portal.azure.com/', s)).toBe(false);
    expect(annotationEnabled('https://rd.example/x', s)).toBe(true);
    expect(annotationEnabled('https://other.example/x', s)).toBe(false);
  });

  it('saves merged, validated settings', async () => {
    const area = memoryArea();
    await saveSettings(area, { defaultPort: 3390, sites: { 'avd-web-client': false } });
    const back = await loadSettings(area);
    expect(back.defaultPort).toBe(3390);
    expect(back.sites['avd-web-client']).toBe(false);
    expect(back.sites['azure-portal']).toBe(true);
    expect((area.data[SETTINGS_KEY] as { version: number }).version).toBe(1);
  });
});

describe('timeout range', () => {
  it("is the command line's range: what the CLI accepts, the options accept", () => {
    for (const ms of [50, 99, 100, 60_000]) {
      expect(parseTimeout(ms).ok).toBe(true);
      expect(normalizeSettings({ timeoutMs: ms }).timeoutMs).toBe(ms);
    }
    expect(parseTimeout(49).ok).toBe(false);
    expect(normalizeSettings({ timeoutMs: 49 }).timeoutMs).toBe(DEFAULT_SETTINGS.timeoutMs);
  });
});
