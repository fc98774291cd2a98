/**
 * The implementation of every check in the shared registry (`shared/protocol/checks.ts`), which
 * decides the order, where each runs and which request runs it. The implementations come from
 * `implementations.ts`, which `npm run build` generates from the files of this folder. A convention
 * test asserts that each file in this folder that exports a check is registered, documented and
 * tested, and that its id, title, kind and platforms are those of the shared registry.
 */
import { CHECK_SPECS } from '../../shared/protocol/checks.js';
import { IMPLEMENTATIONS } from './implementations.js';
import type { Check } from './types.js';

/** Every check, in the shared registry's order. */
export const CHECKS: readonly Check[] = CHECK_SPECS.map((spec) => IMPLEMENTATIONS[spec.id]);

export function getCheck(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}
