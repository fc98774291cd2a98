/** Internal shapes shared by the diagnosis modules. */

/** What the diagnosis knows about one cause while it reads the evidence. */
export interface CauseState {
  id: string;
  /** Weight from the codes and the text's wording. */
  prior: number;
  /** Lines of the codes / wording that suggest it. */
  priorWhy: string[];
  /** Lines of the facts that directly establish it. */
  confirmedBy: string[];
  /** Lines of the facts that fit it (and also fit others). */
  fitBy: string[];
  /** Lines of the facts that observed the contrary. */
  ruledOutBy: string[];
  /** Lines of facts that make it less likely without ruling it out. */
  against: string[];
  /** Set when a direct measurement ruled the cause out: it stays out whatever else fits it. */
  decisive: boolean;
  /** Odds multiplier from the facts. */
  factor: number;
}

/** The items of all lists, each once, in first-seen order. */
export function union<T>(...lists: (readonly T[] | undefined)[]): T[] {
  const out: T[] = [];
  for (const l of lists) for (const x of l ?? []) if (!out.includes(x)) out.push(x);
  return out;
}
