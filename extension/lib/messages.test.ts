import { describe, expect, it } from 'vitest';
import { isExtensionPage, MAX_TEXT_CHARS, parsePageRequest, parseRunChecks } from './messages.js';

const ID = 'emhcbpblahnafilogmlmlfhjjlnnlean';
const ORIGIN = `chrome-extension://${ID}/`;

describe('sender checks', () => {
  it('accepts the popup and the full view in a tab', () => {
    expect(isExtensionPage({ id: ID, url: `${ORIGIN}extension/popup/index.html` }, ID, ORIGIN)).toBe(true);
    const full = `${ORIGIN}extension/popup/index.html?view=full`;
    expect(isExtensionPage({ id: ID, url: full, origin: ORIGIN.slice(0, -1), tab: { url: full } }, ID, ORIGIN)).toBe(
      true,
    );
  });

  it.each([
    [
      'a content script on a web page',
      { id: ID, url: 'https://portal.azure.com/', tab: { url: 'https://portal.azure.com/' } },
    ],
    [
      'another extension',
      { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.html' },
    ],
    ['a look-alike origin', { id: ID, url: `chrome-extension://${ID}.evil.example/x` }],
    ['a web origin claiming our URL', { id: ID, url: `${ORIGIN}x.html`, origin: 'https://evil.example' }],
    ['our page framed in a web tab', { id: ID, url: `${ORIGIN}x.html`, tab: { url: 'https://evil.example/' } }],
    ['no sender info', {}],
  ])('refuses %s', (_name, sender) => {
    expect(isExtensionPage(sender, ID, ORIGIN)).toBe(false);
  });
});

describe('message validation', () => {
  it('reads the known one-shot requests and nothing else', () => {
    expect(parsePageRequest({ type: 'helper-status' })).toEqual({ type: 'helper-status' });
    expect(parsePageRequest({ type: 'open-full-view', text: '0x904' })).toEqual({
      type: 'open-full-view',
      text: '0x904',
    });
    expect(parsePageRequest({ type: 'open-full-view', text: 'x'.repeat(MAX_TEXT_CHARS + 1) })).toBeNull();
    expect(parsePageRequest({ type: 'run-checks', host: 'x', port: 3389, timeoutMs: 1000 })).toBeNull();
    expect(parsePageRequest('helper-status')).toBeNull();
    expect(parsePageRequest(null)).toBeNull();
  });

  it('validates run-checks', () => {
    expect(parseRunChecks({ type: 'run-checks', host: '127.0.0.50', port: 3389, timeoutMs: 3000 })).toEqual({
      type: 'run-checks',
      host: '127.0.0.50',
      port: 3389,
      timeoutMs: 3000,
    });
    for (const bad of [
      { type: 'run-checks', host: '', port: 3389, timeoutMs: 3000 },
      { type: 'run-checks', host: 'a', port: 0, timeoutMs: 3000 },
      { type: 'run-checks', host: 'a', port: 3389.5, timeoutMs: 3000 },
      { type: 'run-checks', host: 'a', port: 3389, timeoutMs: 49 },
      { type: 'run-checks', host: 'a'.repeat(254), port: 3389, timeoutMs: 3000 },
      { type: 'probe', host: 'a', port: 3389, timeoutMs: 3000 },
    ]) {
      expect(parseRunChecks(bad)).toBeNull();
    }
  });
});

describe('run-checks typedByUser', () => {
  it('is kept only as a boolean true; anything else than a boolean refuses the request', () => {
    const base = { type: 'run-checks', host: '169.254.169.254', port: 3389, timeoutMs: 3000 };
    expect(parseRunChecks({ ...base, typedByUser: true })).toEqual({ ...base, typedByUser: true });
    expect(parseRunChecks({ ...base, typedByUser: false })).toEqual(base);
    expect(parseRunChecks({ ...base, typedByUser: 'yes' })).toBeNull();
  });
});
