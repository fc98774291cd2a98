/** Internal shapes shared by the diagnosis modules. */
import type { Namespace } from '../catalog/types.js';
import type { Severity } from '../protocol/results.js';

/** How each code family is labelled in evidence lines. */
export const NS_LABEL: Record<Namespace, string> = {
  'disconnect-reason': 'Error code',
  'extended-reason': 'Extended error code',
  'negotiation-failure': 'Negotiation failure',
  hresult: 'Code',
  ntstatus: 'NTSTATUS',
  avd: 'Azure Virtual Desktop error',
  freerdp: 'FreeRDP error',
  'event-id': 'Event',
  entra: 'Entra sign-in error',
  gateway: 'RD Gateway error',
  message: 'Message',
};

export interface Support {
  factor: number;
  line: string;
  severity: Severity;
}

/** What the diagnosis knows about one cause while it reads the evidence. */
export interface CauseState {
  id: string;
  prior: number;
  evidenceFor: string[];
  evidenceAgainst: string[];
  supports: Support[];
  ruledOutBy: string[];
  /** Set when a direct measurement ruled the cause out: it stays out even if another finding supports it. */
  decisive: boolean;
  factor: number;
}

/** The items of all lists, each once, in first-seen order. */
export function union<T>(...lists: (readonly T[] | undefined)[]): T[] {
  const out: T[] = [];
  for (const l of lists) for (const x of l ?? []) if (!out.includes(x)) out.push(x);
  return out;
}
