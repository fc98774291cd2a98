/**
 * The in-page card's words in the person's language, through the same lookup as the popup and the
 * options page (../lib/i18n.ts). The background (context-menu card) and the content script (hover
 * card) both build the labels here.
 */
import { t } from '../lib/i18n.js';
import { CARD_LABEL_KEYS, type CardLabels } from './card-view.js';

export function cardLabels(): CardLabels {
  const out = {} as CardLabels;
  for (const [label, key] of Object.entries(CARD_LABEL_KEYS) as [keyof CardLabels, string][]) out[label] = t(key);
  return out;
}

/** Who must act, in words (`actor_server` → "the server's administrator"). */
export function actorWords(actor: string): string {
  return t(`actor_${actor}`);
}
