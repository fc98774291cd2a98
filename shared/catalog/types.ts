/**
 * Types of the RDP error catalogue. The catalogue is data: one file per code family
 * (namespace), each exporting an array of {@link CatalogEntry}.
 */

/**
 * The code families RDP Doctor knows, in order. Stable strings: they appear in `--json` output. The one
 * table of families is `families.ts`; this list is generated from its keys into `namespace-list.ts`, so that
 * the content script and `rdp-doctor check` have it without the catalogue data or its compact index.
 */
import { NAMESPACES } from './namespace-list.js';

export { NAMESPACES };
export type Namespace = (typeof NAMESPACES)[number];

/** Who must act to resolve a code. */
export const ACTORS = [
  'user',
  'admin',
  'server',
  'network',
  'licensing',
  'gateway',
  'broker',
  'client',
  'none',
  // Not known: a code RDP Doctor does not know (never "nobody").
  'unknown',
] as const;
export type Actor = (typeof ACTORS)[number];

/** First code of the range the catalogue assigns to entries whose source defines only a name (`nameOnly`). */
export const NAME_ONLY_CODE_BASE = 0xfa000000;

/** How sure the catalogue is of an entry's meaning. */
export type EntryConfidence = 'documented' | 'observed' | 'low';

export interface CatalogEntry {
  namespace: Namespace;
  /** Numeric value as an unsigned 32-bit integer (HRESULTs as 0x8xxxxxxx). For name-only codes, a stable number from the source (or -1 when there is none). */
  code: number;
  /** Symbolic name as the source spells it, e.g. `disconnectReasonAtClientWinsockFDCLOSE`, `SSL_REQUIRED_BY_SERVER`. */
  name: string;
  /** Other names the same code is shown under (e.g. `ERRINFO_RPC_INITIATED_DISCONNECT` for an errorInfo value). */
  aliases?: string[];
  /** One plain sentence: what happened, in words an admin under pressure understands. */
  summary: string;
  /** Who must act. */
  actor: Actor;
  /** Cause ids (see `causes.ts`), most likely first. Empty for codes that are not errors. */
  causes: string[];
  /** Fix ids (see `../fixes/ids.ts`), in the order that helps most without evidence. */
  fixes: string[];
  /** Check ids (native-host checks) whose results confirm or rule out this entry's causes. */
  checks: string[];
  /** Public source of the meaning (document name or URL). */
  source: string;
  /** `documented` (in a vendor table), `observed` (seen in real reports, meaning well established), `low` (undocumented, meaning uncertain). */
  confidence: EntryConfidence;
  /** True when the code reports a normal event, not a failure (e.g. user logged off). */
  notAnError?: boolean;
  /** True when the source defines only a name: `code` is then a stable number assigned by the catalogue (0xFA000000 range), never shown as if it came from the product. */
  nameOnly?: boolean;
  /** True when the source gives no symbolic name: `name` is the catalogue's own label and should not be searched for in text. */
  labelOnly?: boolean;
  /** True when the symbolic name is also used by unrelated software (e.g. `SEC_E_UNTRUSTED_ROOT` in git logs): report it only with RDP context. */
  nameNeedsContext?: boolean;
}
