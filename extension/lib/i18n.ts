/**
 * UI text lookup. All visible text lives in `public/_locales/<lang>/messages.json`; this returns the
 * message for the browser's language, or the key itself when a message is missing, so a forgotten
 * key shows up in the UI and in tests instead of an empty string.
 */
import browser from './browser.js';

export function t(key: string, substitutions?: string | string[]): string {
  let text = '';
  try {
    // Message names may only hold letters, digits and _; vocabulary ids use '-'.
    text = browser.i18n.getMessage(key.replace(/-/g, '_'), substitutions);
  } catch {
    text = '';
  }
  return text === '' ? key : text;
}
