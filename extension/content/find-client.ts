/**
 * The content script's side of the find port: asks the background which codes a batch of page text
 * holds. Questions travel on one port (opened on first use, reopened if the background restarts), so a
 * page that goes away with questions pending leaves nothing behind. A question whose answer is lost or
 * malformed reads as "no codes" (nothing is marked), never as an error on the page.
 */
import type { Runtime } from 'webextension-polyfill';
import { type FoundCode, parseFindReply } from '../lib/find-messages.js';

interface Waiting {
  texts: string[];
  resolve(lists: FoundCode[][]): void;
  tries: number;
}

const none = (texts: string[]) => texts.map((): FoundCode[] => []);

/** A finder over the ports `connect` opens (lib/client.ts `connectFinder` in the content script). */
export function portFinder(connect: () => Runtime.Port): (texts: string[]) => Promise<FoundCode[][]> {
  let port: Runtime.Port | null = null;
  let next = 1;
  const waiting = new Map<number, Waiting>();

  const open = (): Runtime.Port => {
    const p = connect();
    p.onMessage.addListener((m: unknown) => {
      const id = typeof m === 'object' && m !== null ? (m as { id?: unknown }).id : undefined;
      const w = typeof id === 'number' ? waiting.get(id) : undefined;
      if (!w) return;
      waiting.delete(id as number);
      w.resolve(parseFindReply((m as { lists?: unknown }).lists, w.texts) ?? none(w.texts));
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
      // The background went away (a stopped service worker): ask once more on a new port.
      const again = [...waiting.values()];
      waiting.clear();
      for (const w of again) {
        if (w.tries < 2) post(w);
        else w.resolve(none(w.texts));
      }
    });
    return p;
  };

  const post = (w: Waiting): void => {
    w.tries++;
    const id = next++;
    waiting.set(id, w);
    try {
      port ??= open();
      port.postMessage({ type: 'annotation-find', id, texts: w.texts });
    } catch {
      // The extension was reloaded or removed: this page's copy of the script can no longer ask.
      waiting.delete(id);
      w.resolve(none(w.texts));
    }
  };

  return (texts) => new Promise((resolve) => post({ texts, resolve, tries: 0 }));
}
