/**
 * Every family's entries in one list, in namespace order. Data only: `index.ts` builds the lookups on it,
 * and the known-codes generator reads it without going through the compact index it regenerates.
 */
import { AVD_ENTRIES } from './avd.js';
import { DISCONNECT_REASONS } from './disconnect-reason.js';
import { EVENT_IDS } from './event-id.js';
import { EXTENDED_REASONS } from './extended-reason.js';
import { FREERDP_ENTRIES } from './freerdp.js';
import { HRESULTS } from './hresult.js';
import { NEGOTIATION_FAILURES } from './negotiation-failure.js';
import { NTSTATUSES } from './ntstatus.js';
import type { CatalogEntry } from './types.js';

export const ALL_ENTRIES: readonly CatalogEntry[] = [
  ...DISCONNECT_REASONS,
  ...EXTENDED_REASONS,
  ...NEGOTIATION_FAILURES,
  ...HRESULTS,
  ...NTSTATUSES,
  ...AVD_ENTRIES,
  ...FREERDP_ENTRIES,
  ...EVENT_IDS,
];
