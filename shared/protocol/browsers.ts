/**
 * The browsers RDP Doctor registers its helper with: one row each, and everything else derives from it —
 * the installer's manifest folders and registry keys, `host status`'s sandbox and policy checks
 * (native-host/install/locations.ts), the guidance the extension shows (guidance.ts), `host --help`,
 * and which browsers `npm start` finds (scripts/start.mjs). Adding a browser = one row here (and its
 * name in README.md; `browsers.test.ts` checks both).
 *
 * Sources: Chrome "Native messaging" (developer.chrome.com/docs/extensions/develop/concepts/native-messaging),
 * Microsoft Edge "Native messaging" (learn.microsoft.com/microsoft-edge/extensions/developer-guide/native-messaging),
 * MDN "Native manifests" (developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Native_manifests).
 * Brave and Vivaldi have no registry key of their own on Windows: they read Chrome's.
 */

export interface BrowserRow {
  /** The name people know it by. */
  readonly name: string;
  /** Which extension platform it is (manifest keys, store ids). */
  readonly family: 'chromium' | 'firefox';
  /** Where people manage extensions, for the guidance. */
  readonly extensionsPage: string;
  /**
   * How the extension tells it is running in this browser: a brand of `navigator.userAgentData`, or a
   * token of the user-agent string (Firefox and Vivaldi give no brand of their own). A browser with
   * neither is read as Chromium, whose guidance fits every Chromium-family browser.
   */
  readonly agent?: { readonly brand?: string; readonly token?: string };
  /** Native-messaging manifest folders: Linux per-user relative to $XDG_CONFIG_HOME (Firefox: to home), macOS per-user relative to ~/Library/Application Support. */
  readonly manifests: {
    readonly linuxUser: string;
    readonly linuxSystem: string;
    readonly macUser: string;
    readonly macSystem: string;
    /** Windows key under HKCU / HKLM whose default value is the manifest's path. */
    readonly winKey: string;
  };
  /** Flatpak application id, and the snap name where a snap build exists (Linux sandboxes). */
  readonly flatpak: string;
  readonly snap?: string;
  /** Managed-policy locations (Chromium family): Linux folder, Windows key, macOS plist. */
  readonly policy?: { readonly linux: string; readonly win: string; readonly mac: string };
  /** Where its program lives when installed (the first that exists counts); Windows paths are below Program Files or LocalAppData. */
  readonly programs: {
    readonly linux: readonly string[];
    readonly darwin: readonly string[];
    readonly win32: readonly string[];
  };
}

export const BROWSER_TABLE = {
  chrome: {
    name: 'Google Chrome',
    family: 'chromium',
    extensionsPage: 'chrome://extensions',
    agent: { brand: 'Google Chrome' },
    manifests: {
      linuxUser: 'google-chrome/NativeMessagingHosts',
      linuxSystem: '/etc/opt/chrome/native-messaging-hosts',
      macUser: 'Google/Chrome/NativeMessagingHosts',
      macSystem: '/Library/Google/Chrome/NativeMessagingHosts',
      winKey: 'Software\\Google\\Chrome\\NativeMessagingHosts',
    },
    flatpak: 'com.google.Chrome',
    policy: {
      linux: '/etc/opt/chrome/policies/managed',
      win: 'Software\\Policies\\Google\\Chrome',
      mac: '/Library/Managed Preferences/com.google.Chrome.plist',
    },
    programs: {
      linux: ['/opt/google/chrome/chrome', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
      darwin: ['/Applications/Google Chrome.app'],
      win32: ['Google\\Chrome\\Application\\chrome.exe'],
    },
  },
  chromium: {
    name: 'Chromium',
    family: 'chromium',
    extensionsPage: 'chrome://extensions',
    manifests: {
      linuxUser: 'chromium/NativeMessagingHosts',
      linuxSystem: '/etc/chromium/native-messaging-hosts',
      macUser: 'Chromium/NativeMessagingHosts',
      macSystem: '/Library/Application Support/Chromium/NativeMessagingHosts',
      winKey: 'Software\\Chromium\\NativeMessagingHosts',
    },
    flatpak: 'org.chromium.Chromium',
    snap: 'chromium',
    policy: {
      linux: '/etc/chromium/policies/managed',
      win: 'Software\\Policies\\Chromium',
      mac: '/Library/Managed Preferences/org.chromium.Chromium.plist',
    },
    programs: {
      linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'],
      darwin: ['/Applications/Chromium.app'],
      win32: ['Chromium\\Application\\chrome.exe'],
    },
  },
  edge: {
    name: 'Microsoft Edge',
    family: 'chromium',
    extensionsPage: 'edge://extensions',
    agent: { brand: 'Microsoft Edge', token: 'Edg/' },
    manifests: {
      linuxUser: 'microsoft-edge/NativeMessagingHosts',
      linuxSystem: '/etc/opt/edge/native-messaging-hosts',
      macUser: 'Microsoft Edge/NativeMessagingHosts',
      macSystem: '/Library/Microsoft/Edge/NativeMessagingHosts',
      winKey: 'Software\\Microsoft\\Edge\\NativeMessagingHosts',
    },
    flatpak: 'com.microsoft.Edge',
    policy: {
      linux: '/etc/opt/edge/policies/managed',
      win: 'Software\\Policies\\Microsoft\\Edge',
      mac: '/Library/Managed Preferences/com.microsoft.Edge.plist',
    },
    programs: {
      linux: ['/opt/microsoft/msedge/msedge', '/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable'],
      darwin: ['/Applications/Microsoft Edge.app'],
      win32: ['Microsoft\\Edge\\Application\\msedge.exe'],
    },
  },
  brave: {
    name: 'Brave',
    family: 'chromium',
    extensionsPage: 'brave://extensions',
    agent: { brand: 'Brave' },
    manifests: {
      linuxUser: 'BraveSoftware/Brave-Browser/NativeMessagingHosts',
      linuxSystem: '/etc/opt/brave/native-messaging-hosts',
      macUser: 'BraveSoftware/Brave-Browser/NativeMessagingHosts',
      macSystem: '/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts',
      winKey: 'Software\\Google\\Chrome\\NativeMessagingHosts',
    },
    flatpak: 'com.brave.Browser',
    snap: 'brave',
    policy: {
      linux: '/etc/brave/policies/managed',
      win: 'Software\\Policies\\BraveSoftware\\Brave',
      mac: '/Library/Managed Preferences/com.brave.Browser.plist',
    },
    programs: {
      linux: ['/opt/brave.com/brave/brave', '/usr/bin/brave-browser'],
      darwin: ['/Applications/Brave Browser.app'],
      win32: ['BraveSoftware\\Brave-Browser\\Application\\brave.exe'],
    },
  },
  vivaldi: {
    name: 'Vivaldi',
    family: 'chromium',
    extensionsPage: 'vivaldi://extensions',
    agent: { token: 'Vivaldi/' },
    manifests: {
      linuxUser: 'vivaldi/NativeMessagingHosts',
      linuxSystem: '/etc/opt/vivaldi/native-messaging-hosts',
      macUser: 'Vivaldi/NativeMessagingHosts',
      macSystem: '/Library/Application Support/Vivaldi/NativeMessagingHosts',
      winKey: 'Software\\Google\\Chrome\\NativeMessagingHosts',
    },
    flatpak: 'com.vivaldi.Vivaldi',
    programs: {
      linux: ['/opt/vivaldi/vivaldi', '/usr/bin/vivaldi', '/usr/bin/vivaldi-stable'],
      darwin: ['/Applications/Vivaldi.app'],
      win32: ['Vivaldi\\Application\\vivaldi.exe'],
    },
  },
  firefox: {
    name: 'Firefox',
    family: 'firefox',
    extensionsPage: 'about:addons',
    agent: { token: 'Firefox/' },
    manifests: {
      linuxUser: '.mozilla/native-messaging-hosts',
      linuxSystem: '/usr/lib/mozilla/native-messaging-hosts',
      macUser: 'Mozilla/NativeMessagingHosts',
      macSystem: '/Library/Application Support/Mozilla/NativeMessagingHosts',
      winKey: 'Software\\Mozilla\\NativeMessagingHosts',
    },
    flatpak: 'org.mozilla.firefox',
    snap: 'firefox',
    programs: {
      linux: [
        '/usr/bin/firefox',
        '/usr/bin/firefox-esr',
        '/usr/lib/firefox/firefox',
        '/usr/lib/firefox-esr/firefox-esr',
      ],
      darwin: ['/Applications/Firefox.app'],
      win32: ['Mozilla Firefox\\firefox.exe'],
    },
  },
} as const satisfies Readonly<Record<string, BrowserRow>>;

export type Browser = keyof typeof BROWSER_TABLE;

/** The browsers, in the table's order. */
export const BROWSERS = Object.keys(BROWSER_TABLE) as readonly Browser[];

/** A browser's row, typed as the interface (optional fields included). */
export function browserRow(b: Browser): BrowserRow {
  return BROWSER_TABLE[b];
}

export const BROWSER_NAMES = Object.fromEntries(BROWSERS.map((b) => [b, BROWSER_TABLE[b].name])) as Readonly<
  Record<Browser, string>
>;

export function isBrowser(v: string): v is Browser {
  return (BROWSERS as readonly string[]).includes(v);
}

/**
 * The browser the extension runs in, from its user-agent string and `userAgentData` brands: the first
 * row whose token or brand matches (tokens first: Firefox has no brands), else Chromium.
 */
export function browserFromAgent(userAgent: string, brands: readonly string[]): Browser {
  const rows = BROWSERS.map((b) => [b, browserRow(b).agent] as const);
  for (const [b, agent] of rows) if (agent?.token && userAgent.includes(agent.token)) return b;
  for (const [b, agent] of rows) if (agent?.brand && brands.includes(agent.brand)) return b;
  return 'chromium';
}
