import { describe, expect, it } from 'vitest';
import {
  isExtensionPage,
  MAX_TEXT_CHARS,
  mayAsk,
  parseRequest,
  parseRunChecks,
  REQUESTS,
  type RequestType,
  senderKind,
} from './messages.js';

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
    expect(parseRequest({ type: 'helper-status' })).toEqual({ type: 'helper-status' });
    expect(parseRequest({ type: 'open-full-view', text: '0x904' })).toEqual({
      type: 'open-full-view',
      text: '0x904',
    });
    expect(parseRequest({ type: 'open-full-view', text: 'x'.repeat(MAX_TEXT_CHARS + 1) })).toBeNull();
    expect(parseRequest({ type: 'run-checks', host: 'x', port: 3389, timeoutMs: 1000 })).toBeNull();
    expect(parseRequest('helper-status')).toBeNull();
    expect(parseRequest(null)).toBeNull();
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

describe('the one table of requests', () => {
  const PAGE = { id: ID, url: `${ORIGIN}extension/popup/index.html` };
  const CONTENT = { id: ID, url: 'https://portal.azure.com/x', tab: { url: 'https://portal.azure.com/x' } };

  it('says who may send each request: content scripts never reach the helper or the history', () => {
    const byKind = (kind: 'page' | 'content') =>
      (Object.keys(REQUESTS) as RequestType[]).filter((t) => mayAsk(t, kind)).sort();
    expect(byKind('content')).toEqual(['annotation-explain', 'annotation-off', 'open-full-view']);
    expect(byKind('page')).toEqual([
      'helper-status',
      'history-clear',
      'history-entries',
      'history-get',
      'history-outcome',
      'history-remember',
      'history-remove',
      'open-full-view',
    ]);
    for (const t of Object.keys(REQUESTS) as RequestType[]) expect(mayAsk(t, null)).toBe(false);
  });

  it('tells pages, content scripts and strangers apart', () => {
    expect(senderKind(PAGE, ID, ORIGIN)).toBe('page');
    expect(senderKind(CONTENT, ID, ORIGIN)).toBe('content');
    expect(senderKind({ ...CONTENT, id: 'abcdefghijklmnopabcdefghijklmnop' }, ID, ORIGIN)).toBeNull();
    expect(senderKind({ id: ID, url: 'https://evil.example/' }, ID, ORIGIN)).toBeNull();
  });

  it.each([
    [
      { type: 'annotation-explain', namespace: 'disconnect-reason', code: 0x904 },
      { namespace: 'disconnect-reason', code: 0x904 },
    ],
    [
      { type: 'annotation-explain', namespace: 'hresult', code: -2147467259 },
      { namespace: 'hresult', code: 0x80004005 },
    ],
    [
      { type: 'annotation-explain', namespace: 'avd', code: 0xffffffff },
      { namespace: 'avd', code: 0xffffffff },
    ],
    [
      {
        type: 'annotation-explain',
        namespace: 'disconnect-reason',
        code: 0x904,
        pair: [
          { namespace: 'disconnect-reason', code: 0x904 },
          { namespace: 'extended-reason', code: 7 },
        ],
      },
      {
        namespace: 'disconnect-reason',
        code: 0x904,
        pair: [
          { namespace: 'disconnect-reason', code: 0x904 },
          { namespace: 'extended-reason', code: 7 },
        ],
      },
    ],
  ])('accepts the explain request %j', (m, want) => {
    expect(parseRequest(m)).toEqual({ type: 'annotation-explain', ...want });
  });

  it.each([
    null,
    'annotation-explain',
    [],
    { type: 'annotation-explain' },
    { type: 'annotation-explain', namespace: 'nope', code: 1 },
    { type: 'annotation-explain', namespace: '__proto__', code: 1 },
    { type: 'annotation-explain', namespace: 'hresult', code: 1.5 },
    { type: 'annotation-explain', namespace: 'hresult', code: 2 ** 32 },
    { type: 'annotation-explain', namespace: 'hresult', code: Number.NaN },
    { type: 'annotation-explain', namespace: 'hresult', code: '0x904' },
    // A pair that does not hold the code asked about, or is not a pair.
    {
      type: 'annotation-explain',
      namespace: 'hresult',
      code: 1,
      pair: [
        { namespace: 'disconnect-reason', code: 0x904 },
        { namespace: 'extended-reason', code: 7 },
      ],
    },
    { type: 'annotation-explain', namespace: 'hresult', code: 1, pair: [{ namespace: 'hresult', code: 1 }] },
    { type: '__proto__' },
    { type: 'toString' },
  ])('refuses %j', (m) => {
    expect(parseRequest(m)).toBeNull();
  });

  it('annotation-off carries nothing: the site comes from the sender', () => {
    expect(parseRequest({ type: 'annotation-off', origin: 'https://evil.example' })).toEqual({
      type: 'annotation-off',
    });
  });

  it('validates answers: the helper status keeps every guidance command, including the one that diagnoses', () => {
    const guidance = {
      title: 'The RDP Doctor helper is not installed for Chromium',
      explanation: 'Install it.',
      command: 'npx rdp-doctor host install --browser chromium',
      diagnose: 'npx rdp-doctor host status --browser chromium',
      profile: { command: 'x --user-data-dir DIR', howToFind: 'chrome://version' },
      extra: '<not kept>',
    };
    const answer = REQUESTS['helper-status'].answer({
      connected: false,
      code: 'host-not-found',
      message: 'm',
      guidance,
    });
    expect(answer).toEqual({
      connected: false,
      code: 'host-not-found',
      message: 'm',
      guidance: { ...guidance, extra: undefined },
    });
    expect(REQUESTS['helper-status'].answer({ connected: 'yes' })).toBeUndefined();
    expect(REQUESTS['history-get'].answer(['a', 3, 'b'])).toEqual(['a', 'b']);
    expect(REQUESTS['history-get'].answer('a')).toBeUndefined();
    expect(REQUESTS['annotation-explain'].answer(null)).toBeNull();
    expect(REQUESTS['annotation-explain'].answer({ code: '0x904', summary: 's', actor: 'server' })).toBeUndefined();
  });
});
