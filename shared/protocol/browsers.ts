/**
 * The browsers RDP Doctor registers its helper with, and the names people know them by. Shared by
 * the installer (native-host/install) and the guidance the extension shows (guidance.ts).
 */
export const BROWSERS = ['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];

export const BROWSER_NAMES: Readonly<Record<Browser, string>> = {
  chrome: 'Google Chrome',
  chromium: 'Chromium',
  edge: 'Microsoft Edge',
  brave: 'Brave',
  vivaldi: 'Vivaldi',
  firefox: 'Firefox',
};

export function isBrowser(v: string): v is Browser {
  return (BROWSERS as readonly string[]).includes(v);
}
