/**
 * Which codes of a page's text get a mark (the content script's marks; pure, no browser APIs).
 *
 * - On a Remote Desktop site (RD Web, the AVD web client: `pageIsAboutRdp` in settings.ts) the page itself is the
 *   context: a dialog's bare "Your session ended. Error code: 0x3000046" is Remote Desktop's. Elsewhere
 *   (the Azure portal) a code needs Remote Desktop words near it.
 * - Low-confidence detections (guesses, typos, a message beside its own code) are not marked, except a
 *   value the page itself labels as a code ("Error code: 0x907"): that it is a Remote Desktop code is
 *   certain, only its meaning is not, and the card says what is known as known (or "not in the
 *   catalogue"). An unknown code is shown as unknown, never hidden.
 */
import { detect } from '../../shared/detect/index.js';
import type { Detection } from '../../shared/detect/types.js';

/** Detections per detector call at most (≤ 16 KB of text per call, so a hostile page cannot make one read unbounded). */
export const MAX_PER_TEXT = 200;

function markable(d: Detection): boolean {
  if (d.confidence !== 'low') return true;
  return d.label !== undefined && d.form !== 'typo' && d.form !== 'message';
}

/** A code to mark, with the code it was read with (its error code or extended code), when it is one of a pair. */
export interface PageCode extends Detection {
  partner?: Detection;
}

/** The codes to mark in one piece of a page's text. */
export function pageCodes(text: string, aboutRdp: boolean): PageCode[] {
  const all = detect(text, { maxDetections: MAX_PER_TEXT, assumeRdp: aboutRdp });
  return all.filter(markable).map((d) => {
    const partner = d.pairedWith === undefined ? undefined : all[d.pairedWith];
    return partner ? { ...d, partner } : d;
  });
}
