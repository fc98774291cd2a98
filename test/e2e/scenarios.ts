/**
 * What a person sees, described once for both browsers: the Chromium suite (test/e2e, Playwright) and
 * the Firefox suite (test/e2e-firefox, WebDriver BiDi) drive the browser differently and assert these.
 */

/** Paste and explain. */
export const PASTED = {
  text: 'Error code: 0x904 Extended error code: 0x7',
  heading: /server denied the connection/i,
  actor: /server's administrator/,
  details: ['0x904 = 2308', '0x7 = 7', 'disconnectReasonAtClientWinsockFDCLOSE', 'learn.microsoft.com'],
} as const;

/** Run checks against the real xrdp servers (test/harness), each on its own loopback address. */
export const GOLDEN = {
  servers: ['xrdp-negotiate-expired', 'xrdp-negotiate-valid'] as const,
  expired: {
    address: '127.0.0.50',
    finding: 'cert-expired',
    evidence: /expired \d+ days? ago.*CN=rdp-doctor\.test, thumbprint [0-9A-F]{40}/,
    firstFix: 'regenerate-rdp-certificate',
    cause: 'cert-expired',
  },
  valid: { address: '127.0.0.51', finding: 'cert-valid', notFirstFix: 'regenerate-rdp-certificate' },
} as const;

/** The helper is not registered: guidance names the browser and the exact command. */
export const HELPER_MISSING = {
  code: 'host-not-found',
  guidance: /not installed/i,
  command: (browser: 'chromium' | 'firefox') => `rdp-doctor host install --browser ${browser}`,
} as const;

/** The portal-like fixture (test/fixtures/pages/portal): codes in the shell, late, in frames and a shadow root. */
export const PORTAL = {
  path: '/portal/index.html',
  top: ['0x904', '0x7', '0x204'],
  shadowHost: 'shadow-host',
  shadowCode: 'SSL_REQUIRED_BY_SERVER',
  bladeHost: 'reactblade.portal.azure.net',
} as const;

/** "Explain this error" on a selection of the forum page (no content script there). */
export const CARD = {
  page: '/forum/thread.html',
  selectionId: 'code',
  selection: 'Error code: 0x904 Extended error code: 0x7',
  heading: 'Error code 0x904 + Extended error code 0x7',
  actor: "the server's administrator",
  checkButton: 'Check the server…',
} as const;

/** An RD Web address the person turns on (RD Web is never on by default). */
export const RD_WEB = {
  host: 'rdweb.contoso.test',
  path: '/RDWeb/thread.html',
  code: '0x7',
} as const;
