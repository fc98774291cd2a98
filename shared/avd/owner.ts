/**
 * Who owns the fix of an Azure Virtual Desktop failure. The service answers it itself: each `WVDErrors`
 * row has `ServiceError` — true when the service failed (Microsoft must act: a support case quoting the
 * Activity ID), false when an admin task on the customer's side fixes it — and `Source`, the component
 * where it failed (Client, RDGateway, RDBroker, RDStack, Diagnostics). Without those rows only the
 * catalogue's "who must act" of the code is known, and that is a likelihood, not the service's word.
 */
import { ACTORS, type Actor } from '../catalog/types.js';
import type { WvdErrorRow } from './wvd-rows.js';

export type AvdOwner = 'microsoft' | 'customer' | 'both' | 'unknown';

export interface OwnerVerdict {
  owner: AvdOwner;
  /** `service-error`: from the rows' ServiceError (confirmed); `catalogue`: from the code's entry (likely); `none`. */
  basis: 'service-error' | 'catalogue' | 'none';
  /** The Source values of the rows, first occurrence first. */
  sources: string[];
  /** The CodeSymbolic values behind the verdict. */
  codes: string[];
  /** One plain sentence for the person reading. */
  sentence: string;
}

/** Where each documented Source is, in words. */
export const SOURCE_WORDS: Record<string, string> = {
  client: "the user's Remote Desktop client, device or network",
  rdgateway: 'the gateway leg of the connection (the network path between the client and Azure Virtual Desktop)',
  rdbroker: 'the connection broker: session host availability, user assignment and host pool settings',
  rdstack: 'the RDP stack on the session host (a VM in your host pool)',
  diagnostics: 'the diagnostics path of the service',
};

function where(sources: readonly string[]): string {
  const words = sources.map((s) => SOURCE_WORDS[s.toLowerCase()] ?? `the component "${s}"`);
  return words.length > 0 ? words.join('; ') : 'the Source column does not say where';
}

/** Every actor on the customer's side: all but "nobody" and "not known". */
const CUSTOMER_ACTORS = new Set<Actor>(ACTORS.filter((a) => a !== 'none' && a !== 'unknown'));

function uniq(xs: readonly (string | undefined)[]): string[] {
  return [...new Set(xs.filter((x): x is string => x !== undefined && x !== ''))];
}

/** Is the failure on "your host pool" (broker, session host) or on the user's side (client, network)? */
function customerSide(sources: readonly string[]): string {
  const s = sources.map((x) => x.toLowerCase());
  if (s.length > 0 && s.every((x) => x === 'client' || x === 'rdgateway')) return "Your side — the user's end";
  return 'Your host pool';
}

/**
 * The owner from the `WVDErrors` rows of one Activity ID (other Activity IDs' rows are ignored when
 * `activityId` is given), or — without rows — from the catalogue actors of the codes found in the text.
 */
export function decideOwner(input: {
  activityId?: string | null;
  rows?: readonly WvdErrorRow[];
  /** Catalogue "who must act" of the AVD codes in the text, with their names. */
  catalogue?: readonly { name: string; actor: Actor }[];
}): OwnerVerdict {
  const id = input.activityId ?? undefined;
  const rows = (input.rows ?? []).filter(
    (r) => r.serviceError !== undefined && (!id || !r.correlationId || r.correlationId === id),
  );
  if (rows.length > 0) return ownerFromRows(rows, id);
  const cat = (input.catalogue ?? []).filter((c) => CUSTOMER_ACTORS.has(c.actor));
  if (cat.length > 0) {
    const names = uniq(cat.map((c) => c.name));
    return {
      owner: 'customer',
      basis: 'catalogue',
      sources: [],
      codes: names,
      sentence: `Likely your host pool or the user's side (${names.join(', ')} is usually fixed by an admin task), not confirmed: the WVDErrors rows of this Activity ID say it — ServiceError = true means Microsoft must act, false means you do. Run the query and paste its result here.`,
    };
  }
  return {
    owner: 'unknown',
    basis: 'none',
    sources: [],
    codes: [],
    sentence:
      'Not known yet: run the query and paste its WVDErrors rows here — ServiceError = true means Microsoft must act (support case with the Activity ID), false means an admin task on your side.',
  };
}

/** The WVDErrors rows decide: ServiceError = true on every row is Microsoft's, false on every row the customer's. */
function ownerFromRows(rows: readonly WvdErrorRow[], id: string | undefined): OwnerVerdict {
  const quote = id ? ` with this Activity ID (${id})` : ' with the Activity ID of the failed connection';
  const service = rows.filter((r) => r.serviceError === true);
  const customer = rows.filter((r) => r.serviceError === false);
  const sources = uniq(rows.map((r) => r.source));
  const codes = uniq(rows.map((r) => r.codeSymbolic));
  const codeList = (rs: readonly WvdErrorRow[]) => uniq(rs.map((r) => r.codeSymbolic)).join(', ') || 'the error';
  const sourcesOf = (rs: readonly WvdErrorRow[]) => uniq(rs.map((r) => r.source));
  if (service.length > 0 && customer.length === 0) {
    return {
      owner: 'microsoft',
      basis: 'service-error',
      sources,
      codes,
      sentence: `Microsoft service — open a support case${quote}: the service logged ${codeList(service)} with ServiceError = true (failed in ${where(sourcesOf(service))}).`,
    };
  }
  if (customer.length > 0 && service.length === 0) {
    const cs = sourcesOf(customer);
    return {
      owner: 'customer',
      basis: 'service-error',
      sources,
      codes,
      sentence: `${customerSide(cs)} — an admin task fixes it, not Microsoft: the service logged ${codeList(customer)} with ServiceError = false (failed in ${where(cs)}).`,
    };
  }
  return {
    owner: 'both',
    basis: 'service-error',
    sources,
    codes,
    sentence: `Both — the service logged ${codeList(service)} with ServiceError = true (open a support case${quote}) and ${codeList(customer)} with ServiceError = false (an admin task in ${where(sourcesOf(customer))}).`,
  };
}

/** Where (fix library `where`) a fix for each Source is carried out. */
const SOURCE_FIX_WHERE: Record<string, readonly string[]> = {
  client: ['client', 'network'],
  rdgateway: ['network', 'client'],
  rdbroker: ['broker', 'azure-portal'],
  rdstack: ['broker', 'server', 'azure-portal'],
};

export interface OwnerRanking {
  /** The fix ids, those carried out where the rows say it failed first (stable otherwise). */
  fixes: string[];
  /** Open a Microsoft support case with the Activity ID before anything else (ServiceError = true). */
  supportCaseFirst: boolean;
}

/**
 * Ranks an event's fixes by the owner: with ServiceError = true a support case comes first (the
 * customer-side fixes stay, after it); with ServiceError = false the fixes carried out where the rows
 * say it failed (Source) come first. A verdict from the catalogue alone changes nothing: it is not the
 * service's word.
 */
export function rankFixesByOwner(
  fixIds: readonly string[],
  verdict: OwnerVerdict,
  whereOf: (fixId: string) => string | undefined,
): OwnerRanking {
  if (verdict.basis !== 'service-error') return { fixes: [...fixIds], supportCaseFirst: false };
  const supportCaseFirst = verdict.owner === 'microsoft' || verdict.owner === 'both';
  const wanted = new Set(verdict.sources.flatMap((s) => SOURCE_FIX_WHERE[s.toLowerCase()] ?? []));
  if (wanted.size === 0) return { fixes: [...fixIds], supportCaseFirst };
  const score = (id: string) => (wanted.has(whereOf(id) ?? '') ? 0 : 1);
  const fixes = fixIds.map((id, i) => ({ id, i })).sort((a, b) => score(a.id) - score(b.id) || a.i - b.i);
  return { fixes: fixes.map((f) => f.id), supportCaseFirst };
}

/** The support-case step shown first when the service owns the failure. */
export function supportCaseSteps(activityId: string | null, timestampIso?: string | null): string[] {
  return [
    'In the Azure portal open Help + support > Create a support request, service "Azure Virtual Desktop".',
    `Quote the Activity ID${activityId ? ` ${activityId}` : ''}${timestampIso ? ` and the time ${timestampIso} (UTC)` : ''}, and paste the WVDErrors rows (ServiceError = true).`,
    'Meanwhile, users can retry or use another host pool if one is published to them.',
  ];
}
