/** Azure Virtual Desktop / Windows App / web client codes (filled in below). */
import type { CatalogEntry } from './types.js';

export const AVD_ENTRIES: readonly CatalogEntry[] = [];
