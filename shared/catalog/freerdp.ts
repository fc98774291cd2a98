/** FreeRDP codes (filled in below). */
import type { CatalogEntry } from './types.js';

export const FREERDP_ENTRIES: readonly CatalogEntry[] = [];
