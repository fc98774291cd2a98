/**
 * Every check the helper can run. A convention test asserts that each file in this folder that
 * exports a check is registered here, documented and tested.
 */
import type { Check } from './types.js';

export const CHECKS: readonly Check[] = [];

export function getCheck(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}
