/**
 * The plain meaning of one code for the in-page hover/focus card. Pure (no browser APIs), so it is unit-tested.
 */
import { displayCode } from '../../shared/catalog/compact.js';
import { isNamespace } from '../../shared/catalog/index.js';
import type { Actor } from '../../shared/catalog/types.js';
import { resolveEntry } from '../../shared/detect/events.js';
import type { Detection } from '../../shared/detect/types.js';

export const ACTOR_WORDS: Record<Actor, string> = {
  user: 'You (the person connecting)',
  admin: 'Your administrator',
  server: 'The server administrator',
  network: 'Your network or firewall administrator',
  licensing: 'The Remote Desktop licensing administrator',
  gateway: 'The RD Gateway administrator',
  broker: 'The RD Connection Broker / Azure Virtual Desktop administrator',
  client: 'You: update or repair the Remote Desktop client',
  none: 'Nobody: this is informational',
  unknown: 'not known: RDP Doctor does not know this code',
};

/** The plain meaning of one code, for the hover/focus card of an annotated page. */
export interface CodeMeaning {
  code: string;
  name: string | null;
  summary: string;
  actor: string;
  unknown: boolean;
}

export function meaningOf(namespace: string, code: number): CodeMeaning | null {
  if (!isNamespace(namespace)) return null;
  const d: Detection = {
    namespace,
    code,
    hex: `0x${code.toString(16).toUpperCase()}`,
    name: null,
    span: [0, 0],
    confidence: 'high',
    raw: '',
    form: 'hex',
  };
  const entry = resolveEntry(d);
  return {
    // Each family in the form people read it: event ids in decimal (36870), not hex.
    code: entry.nameOnly ? entry.name : (displayCode(namespace, code) ?? d.hex!),
    name: entry.nameOnly || 'unknown' in entry ? null : entry.name,
    summary: entry.summary,
    actor: ACTOR_WORDS[entry.actor] ?? entry.actor,
    unknown: 'unknown' in entry,
  };
}
