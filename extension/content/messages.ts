/**
 * The background → content message: {@link SHOW_CARD} (show the "Explain this error" card with this
 * model), validated from `unknown` at the receiving end. (Content → background requests are in the
 * one table of ../lib/messages.ts.) Pure: no browser APIs (unit-tested in node).
 */
import { CARD_LABEL_KEYS, type CardModel, SHOW_CARD } from './card-view.js';

const str = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;

function isCardAvd(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return (
    ['heading', 'activityLine', 'copy', 'copied', 'copyFailed'].every((k) => str(a[k], 200)) &&
    str(a.owner, 2000) &&
    str(a.kql, 20_000)
  );
}

/** Validates a card model (background → content); the card renders strings with textContent only. */
export function isCardModel(m: unknown): m is CardModel {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  const labels = r.labels as Record<string, unknown> | null;
  return (
    (r.mode === 'selection' || r.mode === 'hover') &&
    typeof r.nothing === 'boolean' &&
    typeof r.siteSwitch === 'boolean' &&
    Array.isArray(r.codes) &&
    r.codes.length <= 20 &&
    r.codes.every((c: unknown) => {
      const x = c as Record<string, unknown> | null;
      return (
        !!x && str(x.code, 500) && str(x.summary, 5000) && str(x.actor, 500) && (x.name === null || str(x.name, 500))
      );
    }) &&
    Array.isArray(r.fixes) &&
    r.fixes.length <= 20 &&
    r.fixes.every((f: unknown) => {
      const x = f as Record<string, unknown> | null;
      return !!x && str(x.title, 500) && (x.why === undefined || str(x.why, 2000));
    }) &&
    str(r.fullViewText, 100_000) &&
    (r.avd === undefined || isCardAvd(r.avd)) &&
    typeof labels === 'object' &&
    labels !== null &&
    Object.keys(CARD_LABEL_KEYS).every((k) => str(labels[k], 200))
  );
}

/** Validates a background → content request to show the card; the model, or null. */
export function parseShowCard(m: unknown): CardModel | null {
  if (typeof m !== 'object' || m === null) return null;
  const r = m as { type?: unknown; model?: unknown };
  return r.type === SHOW_CARD && isCardModel(r.model) ? r.model : null;
}
