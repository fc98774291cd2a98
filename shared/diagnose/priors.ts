/**
 * Prior weights of causes before any check: from the catalogue entries of the detected codes and from
 * well-known message wording, which the detector reads into typed facts (`../detect/wording.ts`).
 */
import type { CauseId } from '../catalog/causes.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { WordingId } from '../detect/wording.js';

/** Weight of a detection by its confidence. */
export const CONFIDENCE_WEIGHT = { high: 1, medium: 0.7, low: 0.4 } as const;

/** Weight of the i-th cause of a catalogue entry (the catalogue lists the most likely first). */
export function positionWeight(i: number): number {
  return 1 / (1 + 0.5 * i);
}

export interface WordingMeaning {
  causes: readonly (readonly [CauseId, number])[];
  /** This wording reports an authentication failure (used with the server's NLA requirement). */
  authError?: boolean;
  /** This wording reports an NLA / CredSSP failure (the only evidence that allows suggesting NLA changes). */
  nlaFailure?: boolean;
}

/** What each well-known wording suggests; weights are smaller than a catalogued code's. */
export const WORDING_CAUSES: Readonly<Record<WordingId, WordingMeaning>> = {
  'credssp-oracle': { causes: [['credssp-oracle-policy', 1]], authError: true, nlaFailure: true },
  'authentication-error': {
    causes: [
      ['wrong-credentials', 0.4],
      ['credssp-oracle-policy', 0.4],
    ],
    authError: true,
    nlaFailure: true,
  },
  'lsa-unreachable': {
    causes: [
      ['domain-auth-unavailable', 0.8],
      ['nla-blocks-password-change', 0.4],
    ],
    authError: true,
    nlaFailure: true,
  },
  'internal-error': {
    causes: [
      ['cert-unusable', 0.6],
      ['machinekeys-broken', 0.5],
      ['tls-protocol-mismatch', 0.4],
      ['security-layer-mismatch', 0.3],
    ],
  },
  'requires-nla': { causes: [['nla-required', 1]], nlaFailure: true },
  'cannot-find-computer': { causes: [['dns-failure', 1]] },
  'no-license-servers': { causes: [['licensing-problem', 1]] },
  'time-difference': { causes: [['clock-skew', 1]], authError: true },
  'account-locked': { causes: [['account-restricted', 1]], authError: true },
  'password-expired': {
    causes: [
      ['password-expired', 1],
      ['nla-blocks-password-change', 0.5],
    ],
    authError: true,
  },
  'no-remote-logon-right': { causes: [['no-remote-logon-right', 1]] },
  'credentials-did-not-work': { causes: [['wrong-credentials', 0.8]], authError: true },
  'trust-relationship': { causes: [['domain-auth-unavailable', 1]], authError: true },
  'certificate-expired': { causes: [['cert-expired', 0.8]] },
  'certificate-identity': {
    causes: [
      ['cert-untrusted', 0.6],
      ['cert-name-mismatch', 0.4],
    ],
  },
  'rd-gateway': { causes: [['gateway-problem', 0.5]] },
  'azure-vm': { causes: [] },
  'azure-virtual-desktop': { causes: [] },
};

export interface PriorContribution {
  cause: string;
  weight: number;
  /** Evidence line, e.g. "Error code 0x904 lists it as the most common cause". */
  why: string;
}

/** Contributions of one catalogue entry. */
export function entryPriors(entry: CatalogEntry, label: string, confidence: number): PriorContribution[] {
  return entry.causes.map((cause, i) => ({
    cause,
    weight: confidence * positionWeight(i),
    why: `${label} lists it as ${i === 0 ? 'the most common cause' : `cause #${i + 1}`}`,
  }));
}
