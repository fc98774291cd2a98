/**
 * The one table of code families (namespaces). A row says everything about a family except its entries'
 * contents: its title (headings, the sentence for an unknown code), its short label (evidence lines such as
 * "Error code 0x904"), where to look next for a code the catalogue does not hold, and which data lists hold
 * its entries. The table's keys, in order, are the namespaces: `npm run build` writes them into
 * `known-codes.ts` (`NAMESPACES`), which the content script reads without this table's data.
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
import type { CatalogEntry, Namespace } from './types.js';
import { WINDOWS_APP_ENTRIES } from './windows-app.js';
import { WINDOWS365_ENTRIES } from './windows365.js';

/** The words for a family. */
export interface NamespaceWords {
  /** Plain title of the family, e.g. `Windows NTSTATUS`. */
  title: string;
  /** Short label written before a code of the family, e.g. `Extended error code`. */
  label: string;
  /** Where to look next for a code of the family that RDP Doctor does not know. */
  whereToLook: string;
}

export interface Family extends NamespaceWords {
  /** The data lists (one per data file, or several) whose entries are this family's, in lookup order. */
  entries: readonly (readonly CatalogEntry[])[];
}

export const FAMILIES: Readonly<Record<Namespace, Family>> = {
  'disconnect-reason': {
    title: 'Remote Desktop client disconnect reason ("Error code")',
    label: 'Error code',
    whereToLook:
      "the client's event log (Microsoft › Windows › TerminalServices-ClientActiveXCore › Operational) around the disconnect, and Microsoft's list of Remote Desktop client disconnect codes",
    entries: [DISCONNECT_REASONS],
  },
  'extended-reason': {
    title: 'extended disconnect reason ("Extended error code") / server error info (ERRINFO)',
    label: 'Extended error code',
    whereToLook:
      "the server's TerminalServices-LocalSessionManager and RemoteConnectionManager logs at that time, and the errorInfo values of the Set Error Info PDU (MS-RDPBCGR 2.2.5.1.1)",
    entries: [EXTENDED_REASONS],
  },
  'negotiation-failure': {
    title: 'RDP security negotiation failure (RDP_NEG_FAILURE)',
    label: 'Negotiation failure',
    whereToLook: 'the RDP Negotiation Failure codes (MS-RDPBCGR 2.2.1.2.2) and the listener settings on the server',
    entries: [NEGOTIATION_FAILURES],
  },
  hresult: {
    title: 'Windows HRESULT / security package (SEC_E) / RD Gateway',
    label: 'Code',
    whereToLook: 'its text on Windows with `certutil -error <code>`, and the Schannel / CredSSP events on both sides',
    entries: [HRESULTS],
  },
  ntstatus: {
    title: 'Windows NTSTATUS',
    label: 'NTSTATUS',
    whereToLook: 'its text on Windows with `certutil -error <code>`, and the Security log on the server',
    entries: [NTSTATUSES],
  },
  avd: {
    title: 'Azure Virtual Desktop / Windows App / web client',
    label: 'Azure Virtual Desktop error',
    whereToLook:
      "the host pool's Insights in the Azure portal (connection diagnostics, WVDErrors) with the connection's activity ID",
    entries: [AVD_ENTRIES, WINDOWS_APP_ENTRIES, WINDOWS365_ENTRIES],
  },
  freerdp: {
    title: 'FreeRDP error or exit code',
    label: 'FreeRDP error',
    whereToLook: "FreeRDP's log with /log-level:DEBUG, and its error tables (errinfo, errconnect)",
    entries: [FREERDP_ENTRIES],
  },
  'event-id': {
    title: 'Windows event ID',
    label: 'Event',
    whereToLook: 'the Event Viewer log the event came from, on the machine that logged it',
    entries: [EVENT_IDS, GATEWAY_EVENTS],
  },
  entra: {
    title: 'Microsoft Entra ID sign-in error (AADSTS)',
    label: 'Entra sign-in error',
    whereToLook: "the Entra ID sign-in logs for the user (the AADSTS code's page on Microsoft Learn)",
    entries: [ENTRA_ENTRIES],
  },
  gateway: {
    title: 'RD Gateway event error',
    label: 'RD Gateway error',
    whereToLook: "the RD Gateway's Microsoft › Windows › TerminalServices-Gateway › Operational log",
    entries: [GATEWAY_CODES],
  },
  message: {
    title: 'Remote Desktop message without a code (mstsc, Windows App, Azure portal, other RDP clients)',
    label: 'Message',
    whereToLook: 'the event logs of the client and the server at that time',
    entries: [CODELESS_ENTRIES],
  },
};

/** The namespaces as the table orders them (the generator writes this list into `known-codes.ts`). */
export const FAMILY_NAMESPACES = Object.keys(FAMILIES) as Namespace[];

/** Every family's entries in one list, in the table's order. */
export const ALL_ENTRIES: readonly CatalogEntry[] = Object.values(FAMILIES).flatMap((f) => f.entries.flat());
