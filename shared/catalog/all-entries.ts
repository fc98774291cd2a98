/**
 * Every family's entries in one list, in namespace order. Data only: `index.ts` builds the lookups on it,
 * and the known-codes generator reads it without going through the compact index it regenerates.
 */
import { AVD_ENTRIES } from './avd.js';
import { CODELESS_ENTRIES } from './codeless.js';
import { DISCONNECT_REASONS } from './disconnect-reason.js';
import { ENTRA_ENTRIES } from './entra.js';
import { EVENT_IDS } from './event-id.js';
import { EXTENDED_REASONS } from './extended-reason.js';
import { FREERDP_ENTRIES } from './freerdp.js';
import { GATEWAY_CODES, GATEWAY_EVENTS } from './gateway.js';
import { HRESULTS } from './hresult.js';
import { NEGOTIATION_FAILURES } from './negotiation-failure.js';
import { NTSTATUSES } from './ntstatus.js';
import type { CatalogEntry } from './types.js';
import { WINDOWS_APP_ENTRIES } from './windows-app.js';
import { WINDOWS365_ENTRIES } from './windows365.js';

export const ALL_ENTRIES: readonly CatalogEntry[] = [
  ...DISCONNECT_REASONS,
  ...EXTENDED_REASONS,
  ...NEGOTIATION_FAILURES,
  ...HRESULTS,
  ...NTSTATUSES,
  ...AVD_ENTRIES,
  ...WINDOWS_APP_ENTRIES,
  ...WINDOWS365_ENTRIES,
  ...FREERDP_ENTRIES,
  ...EVENT_IDS,
  ...GATEWAY_EVENTS,
  ...ENTRA_ENTRIES,
  ...GATEWAY_CODES,
  ...CODELESS_ENTRIES,
];
