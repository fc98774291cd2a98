/**
 * What the families table (`families.ts`) says about each code family, in the forms the rest of the product
 * uses: its title (headings, the sentence for an unknown code), its short label (evidence lines such as
 * "Error code 0x904"), and the one sentence for a code the catalogue does not hold.
 */
import { displayCode, FREERDP_CLASS_ERRCONNECT, formatHex, toUnsigned32, WRITTEN_WITHOUT_HEX } from './compact.js';
import { FAMILIES, type NamespaceWords } from './families.js';
import type { Namespace } from './types.js';

export type { NamespaceWords } from './families.js';

/** Each family's words (title, label, where to look next). */
export const NAMESPACE_WORDS: Readonly<Record<Namespace, NamespaceWords>> = FAMILIES;

const pick = <K extends keyof NamespaceWords>(k: K) =>
  Object.fromEntries(Object.entries(NAMESPACE_WORDS).map(([ns, w]) => [ns, w[k]])) as Readonly<
    Record<Namespace, string>
  >;

/** Plain titles of the code families, for headings. */
export const NAMESPACE_TITLES = pick('title');
/** Short labels of the code families, for evidence lines ("Extended error code 0x7"). */
export const NAMESPACE_LABELS = pick('label');

/**
 * A code as a heading or an evidence line names it: the family's plain label and the code first, the
 * symbolic name after it in parentheses (`Error code 0x904 (disconnectReasonAtClientWinsockFDCLOSE)`);
 * a code known only by its name reads `Azure Virtual Desktop error (ConnectionFailed…)`. People read
 * the plain words first; a symbol never heads the line.
 */
export function codeHeading(namespace: Namespace, shown: string | null, name: string | null): string {
  const head = shown === null ? NAMESPACE_LABELS[namespace] : `${NAMESPACE_LABELS[namespace]} ${shown}`;
  return name && name !== shown ? `${head} (${name})` : head;
}

/** What the number itself tells about a code the catalogue does not hold ("" when nothing). */
function unknownHint(namespace: Namespace, code: number): string {
  const c = toUnsigned32(code);
  if (namespace === 'extended-reason' && c >= 0x1000 && c <= 0x7fff) {
    return ', but it lies in the range of internal RDP protocol errors (0x1000–0x7FFF), so the server event logs say more';
  }
  if (namespace === 'hresult' && c >>> 16 === 0x8007) {
    return `; it is Windows error ${c & 0xffff} wrapped as an HRESULT`;
  }
  if (namespace === 'hresult' && c >>> 16 === 0x8009) {
    return '; it is a security-package (SSPI/Schannel) error';
  }
  if (namespace === 'freerdp' && c >>> 16 === FREERDP_CLASS_ERRCONNECT) {
    return '; it is a FreeRDP connection (ERRCONNECT) error';
  }
  if (namespace === 'ntstatus' && c >>> 30 === 3) return '; it is an NTSTATUS error value';
  if (namespace === 'avd' && (c >>> 24 === 3 || c >>> 24 === 5)) {
    return '; it is a Windows App / Remote Desktop app connection code, a family Microsoft publishes no table for, so the Activity ID in the same dialog leads to the service-side error';
  }
  if (namespace === 'entra')
    return `; Microsoft describes each Entra code at https://login.microsoftonline.com/error?code=${c}`;
  if (namespace === 'gateway')
    return '; the RD Gateway event that printed it and the Network Policy Server log say more';
  return '';
}

/** A code in its family's form with its other form beside it: `0x2F07 (decimal 12039)`, `4625 (0x1211)`, `AADSTS50126`. */
function bothForms(namespace: Namespace, code: number): string {
  const hex = formatHex(code);
  const shown = displayCode(namespace, code) ?? hex;
  if (WRITTEN_WITHOUT_HEX.has(namespace)) return shown;
  return shown === hex ? `${hex} (decimal ${toUnsigned32(code)})` : `${shown} (${hex})`;
}

/** The one sentence for a code RDP Doctor does not know: what it would be, that it is not harmless, where to look next. */
export function unknownCodeSentence(namespace: Namespace, code: number): string {
  const w = NAMESPACE_WORDS[namespace];
  return `RDP Doctor does not know this code: ${bothForms(namespace, code)}, read as a ${w.title} code; it is not in the catalogue and not known to be harmless${unknownHint(namespace, code)}. Where to look next: ${w.whereToLook}.`;
}
