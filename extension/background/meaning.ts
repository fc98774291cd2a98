/**
 * `annotation-explain`'s route: the plain meaning of one marked code for the in-page hover/focus card,
 * from the catalogue (`explainCode`). A code read with its partner (`Error code: 0x904` + `Extended
 * error code: 0x7`) means what the pair means, said as explain says it (`pairMeaning`). Who acts is
 * the actor's id; the card words it in the person's language. Pure (no browser APIs), so it is unit-tested.
 */
import { displayCode } from '../../shared/catalog/compact.js';
import { explainCode } from '../../shared/catalog/index.js';
import { type EventPart, pairMeaning } from '../../shared/explain/events.js';
import type { CodeMeaning, CodeRef } from '../lib/messages.js';

function part(ref: CodeRef): EventPart {
  const entry = explainCode(ref.namespace, ref.code);
  return { ...ref, entry, summary: entry.summary };
}

/** `ref`'s meaning; with `pair` (page order, holding `ref`), the pair's meaning. */
export function meaningOf(ref: CodeRef, pair?: readonly [CodeRef, CodeRef]): CodeMeaning {
  const { entry } = part(ref);
  const unknown = 'unknown' in entry;
  const { summary, actor } = pairMeaning(pair ? pair.map(part) : [part(ref)]);
  return {
    // Each family in the form people read it: event ids in decimal (36870), not hex; name-only codes by their name.
    code: entry.nameOnly ? entry.name : (displayCode(ref.namespace, ref.code) ?? String(ref.code)),
    name: entry.nameOnly || unknown ? null : entry.name,
    summary,
    actor,
    unknown,
  };
}
