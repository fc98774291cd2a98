/**
 * The context of a case (Azure VM? AVD? RD Gateway? which client platform?) from typed facts, the
 * detected codes and the caller's platform, and whether a fix fits it.
 */
import type { CatalogEntry, Namespace } from '../catalog/types.js';
import { CONTEXT_WORDS, FIX_APPLICABILITY, type FixContext } from '../fixes/applicability.js';
import { type Fact, hasFinding, textSays } from './facts.js';
import { WORDING_CAUSES } from './priors.js';

export interface CaseContext {
  /** Contexts the case is known to be in. */
  present: ReadonlySet<FixContext>;
  /** The evidence includes an NLA / CredSSP failure (the only case where NLA settings may be touched). */
  nlaFailure: boolean;
}

const NLA_CAUSES = [
  'nla-required',
  'nla-blocks-password-change',
  'credssp-oracle-policy',
  'credential-delegation-policy',
];

/** True when the DNS name ends with the labels of `suffix` (compared label by label). */
function endsWithLabels(host: string, suffix: readonly string[]): boolean {
  const labels = host.toLowerCase().split('.');
  if (labels.length <= suffix.length) return false;
  return suffix.every((l, i) => labels[labels.length - suffix.length + i] === l);
}

export function caseContext(
  facts: readonly Fact[],
  entries: readonly CatalogEntry[],
  namespaces: readonly Namespace[],
  clientPlatform: string | undefined,
): CaseContext {
  const present = new Set<FixContext>();
  const azureHost = facts.some((f) => f.key === 'target.host' && endsWithLabels(f.value, ['cloudapp', 'azure', 'com']));
  if (azureHost || textSays(facts, 'azure-vm')) present.add('azure-vm');
  if (namespaces.some((n) => n === 'avd') || textSays(facts, 'azure-virtual-desktop')) present.add('avd');
  if (textSays(facts, 'rd-gateway') || entries.some((e) => e.actor === 'gateway')) present.add('rd-gateway');
  if (present.has('avd') || entries.some((e) => e.actor === 'broker')) present.add('rds-broker');
  // No check can tell the server's OS yet: a Windows server is assumed, as the fix library does.
  present.add('windows-server');
  if (clientPlatform === undefined || clientPlatform === 'win32') present.add('windows-client');
  if (clientPlatform === 'darwin') present.add('mac-client');
  if (hasFinding(facts, 'security-product-present')) present.add('client-security-product');

  const nlaFailure =
    facts.some((f) => f.key === 'text.says' && WORDING_CAUSES[f.value].nlaFailure === true) ||
    entries.some((e) => e.causes.slice(0, 2).some((c) => NLA_CAUSES.includes(c)));
  return { present, nlaFailure };
}

export type Fit = { ok: true } | { ok: false; forbidden: boolean; reason: string };

/** Whether a fix fits the case; when not, whether it is forbidden outright and why. */
export function fitsCase(fixId: string, ctx: CaseContext, facts: readonly Fact[]): Fit {
  const a = FIX_APPLICABILITY[fixId as keyof typeof FIX_APPLICABILITY];
  if (!a) return { ok: true };
  const forbidding = a.forbiddenBy?.find((id) => hasFinding(facts, id));
  if (forbidding) {
    const line = facts.find((f) => f.key === 'finding' && f.value === forbidding)?.line ?? forbidding;
    return { ok: false, forbidden: true, reason: `Not offered: ${line}` };
  }
  if (a.needsEvidence === 'nla-failure' && !ctx.nlaFailure) {
    return { ok: false, forbidden: true, reason: 'Not offered: nothing in the case is an NLA or CredSSP failure' };
  }
  const missing = (a.needs ?? []).filter((c) => !ctx.present.has(c));
  if (missing.length > 0) {
    return {
      ok: false,
      forbidden: false,
      reason: `Only for ${missing.map((c) => CONTEXT_WORDS[c]).join(' and ')}: nothing in the case says this is one.`,
    };
  }
  return { ok: true };
}
