/**
 * Reading the clipboard into the paste box, only with the optional `clipboardRead` permission the
 * person granted from the popup. Never throws: null when nothing could be read.
 */
import browser from '../lib/browser.js';
import { MAX_EXPLAIN_CHARS } from './limits.js';

const CLIPBOARD_PERMISSION = { permissions: ['clipboardRead' as const] };

export async function clipboardAllowed(): Promise<boolean> {
  try {
    return await browser.permissions.contains(CLIPBOARD_PERMISSION);
  } catch {
    return false;
  }
}

/** Asks for the permission (must run inside a click handler). */
export async function requestClipboard(): Promise<boolean> {
  try {
    return await browser.permissions.request(CLIPBOARD_PERMISSION);
  } catch {
    return false;
  }
}

/** The clipboard's text, at most `max` characters. */
export async function readClipboard(max = MAX_EXPLAIN_CHARS): Promise<string | null> {
  try {
    const text = await navigator.clipboard.readText();
    return text.slice(0, max);
  } catch {
    // Fallback for browsers that gate the async API: paste into an off-screen box.
    try {
      const ta = document.createElement('textarea');
      ta.style.position = 'fixed';
      ta.style.opacity = '0';
      document.body.append(ta);
      ta.focus();
      const ok = document.execCommand('paste');
      const text = ta.value;
      ta.remove();
      return ok ? text.slice(0, max) : null;
    } catch {
      return null;
    }
  }
}
