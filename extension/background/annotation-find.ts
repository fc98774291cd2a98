/**
 * The background's side of the find port: the codes in a batch of page text, for the content script's
 * marks. The detector and the catalogue run here, so the content script stays small and never runs the
 * detector on the page's thread. Pure apart from the port it is given (unit-tested).
 */
import { shownCode } from '../../shared/catalog/compact.js';
import type { Namespace } from '../../shared/catalog/types.js';
import type { Detection } from '../../shared/detect/types.js';
import { type FindRequest, type FoundCode, parseFindRequest } from '../lib/find-messages.js';
import type { CodeRef } from '../lib/messages.js';
import { type PageCode, pageCodes } from '../lib/page-codes.js';

const refOf = (d: Detection): CodeRef => ({ namespace: d.namespace, code: d.code });

/** A code read with its partner (error code + extended code): the pair in page order. */
function pairOf(d: PageCode): Pick<FoundCode, 'pair'> {
  const other = d.partner;
  if (!other) return {};
  return { pair: d.span[0] <= other.span[0] ? [refOf(d), refOf(other)] : [refOf(other), refOf(d)] };
}

/**
 * The marks of one text of a page (`pageCodes`: on a Remote Desktop product's own page the page is the
 * codes' context), with the label each mark reads.
 */
export function findCodes(text: string, aboutRdp: boolean): FoundCode[] {
  return pageCodes(text, aboutRdp).map((d) => ({
    start: d.span[0],
    end: d.span[1],
    namespace: d.namespace,
    code: d.code,
    hex: d.hex,
    name: d.name,
    label: (shownCode({ ...d, namespace: d.namespace as Namespace }) ?? d.name ?? d.raw).slice(0, 200),
    ...pairOf(d),
  }));
}

/** One list of codes per text of the request (a text the detector cannot read gives an empty list). */
export function answerFind(req: FindRequest, aboutRdp: boolean): FoundCode[][] {
  return req.texts.map((t) => {
    try {
      return findCodes(t, aboutRdp);
    } catch {
      return [];
    }
  });
}

/** The part of a runtime port this needs. */
export interface FindPort {
  onMessage: { addListener(fn: (m: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
  postMessage(m: unknown): void;
}

/**
 * Answers each well-formed question on a content script's find port (anything else is ignored).
 * `aboutRdp` comes from the port's sender (its page's address), never from the page's messages.
 */
export function serveFindPort(port: FindPort, aboutRdp: boolean): void {
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  port.onMessage.addListener((m) => {
    const req = parseFindRequest(m);
    if (!req || !open) return;
    const lists = answerFind(req, aboutRdp);
    try {
      if (open) port.postMessage({ id: req.id, lists });
    } catch {
      open = false; /* the page went away */
    }
  });
}
