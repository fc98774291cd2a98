/** The one place the extension gets its `browser` object: webextension-polyfill (promises, Chromium + Firefox). */
import browser from 'webextension-polyfill';

export default browser;
export type { Menus, Runtime, Tabs } from 'webextension-polyfill';
