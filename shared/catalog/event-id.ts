/** Windows event IDs (filled in below). */
import type { CatalogEntry } from './types.js';

export const EVENT_IDS: readonly CatalogEntry[] = [];
