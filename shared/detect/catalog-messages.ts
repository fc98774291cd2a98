/**
 * Adapter: well-known message texts from the catalogue (`shared/catalog/messages.ts`) as detector rules.
 */
import type { MessageRule } from './types.js';

export const MESSAGE_RULES: readonly MessageRule[] = [];
