/**
 * Adapter: the catalogue's well-known message texts (`shared/catalog/messages.ts`) as detector rules.
 * Only messages that stand for a catalogue entry become detections; the others (generic headlines such
 * as "An authentication error has occurred") only serve as RDP context words.
 */
import { KNOWN_MESSAGES } from '../catalog/messages.js';
import type { MessageRule } from './types.js';

export const MESSAGE_RULES: readonly MessageRule[] = KNOWN_MESSAGES.flatMap((m) => {
  const ref = m.ref;
  if (!ref) return [];
  return m.phrases.map((p) => ({
    text: p.text,
    namespace: ref.namespace,
    code: ref.code >>> 0,
    name: '',
    ...(m.generic ? { generic: true } : {}),
  }));
});
