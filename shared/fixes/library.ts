/**
 * The fix library: one entry per id in `ids.ts`, each with steps, exact commands and a public source.
 * Entries live in a few files by area; this module joins them and answers look-ups.
 */
import { FIX_IDS } from './ids.js';
import { ACCESS_FIXES } from './library-access.js';
import { AUTH_FIXES } from './library-auth.js';
import { CERTIFICATE_FIXES } from './library-certificate.js';
import { NETWORK_FIXES } from './library-network.js';
import { SERVER_FIXES } from './library-server.js';
import { SESSION_FIXES } from './library-session.js';
import type { Fix } from './types.js';

export type { Fix, FixCommand, FixRisk, FixShell, FixWhere, RunOn } from './types.js';

/** Every fix, in the order of {@link FIX_IDS}. */
export const FIXES: readonly Fix[] = (() => {
  const all = [
    ...CERTIFICATE_FIXES,
    ...SERVER_FIXES,
    ...AUTH_FIXES,
    ...NETWORK_FIXES,
    ...SESSION_FIXES,
    ...ACCESS_FIXES,
  ];
  const order = new Map<string, number>(FIX_IDS.map((id, i) => [id, i]));
  return all.sort(
    (a, b) => (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER),
  );
})();

const byId = new Map<string, Fix>(FIXES.map((f) => [f.id, f]));

export function getFix(id: string): Fix | undefined {
  return byId.get(id);
}
