/**
 * Prior weights of causes before any check: from the catalogue entries of the detected codes and from
 * well-known message wording in the text.
 */
import type { CauseId } from '../catalog/causes.js';
import type { CatalogEntry } from '../catalog/types.js';

/** Weight of a detection by its confidence. */
export const CONFIDENCE_WEIGHT = { high: 1, medium: 0.7, low: 0.4 } as const;

/** Weight of the i-th cause of a catalogue entry (the catalogue lists the most likely first). */
export function positionWeight(i: number): number {
  return 1 / (1 + 0.5 * i);
}

export interface TextHint {
  pattern: RegExp;
  /** Short description used as evidence ("the text mentions …"). */
  label: string;
  causes: readonly (readonly [CauseId, number])[];
  /** This wording reports an authentication failure (used with the `nla-required` rule). */
  authError?: boolean;
}

/** Wording of real client dialogs and logs; weights are smaller than a catalogued code's. */
export const TEXT_HINTS: readonly TextHint[] = [
  {
    pattern: /CredSSP|encryption oracle/i,
    label: 'CredSSP encryption oracle remediation',
    causes: [['credssp-oracle-policy', 1]],
    authError: true,
  },
  {
    pattern: /authentication error has occurred|authentication error occurred/i,
    label: 'an authentication error',
    causes: [
      ['wrong-credentials', 0.4],
      ['credssp-oracle-policy', 0.4],
    ],
    authError: true,
  },
  {
    pattern: /Local Security Authority cannot be contacted/i,
    label: 'the Local Security Authority cannot be contacted',
    causes: [
      ['domain-auth-unavailable', 0.8],
      ['nla-blocks-password-change', 0.4],
    ],
    authError: true,
  },
  {
    pattern: /internal error has occurred/i,
    label: 'an internal error',
    causes: [
      ['cert-unusable', 0.6],
      ['machinekeys-broken', 0.5],
      ['tls-protocol-mismatch', 0.4],
      ['security-layer-mismatch', 0.3],
    ],
  },
  {
    pattern: /requires Network Level Authentication/i,
    label: 'the server requires Network Level Authentication',
    causes: [['nla-required', 1]],
  },
  {
    pattern: /can(?:no|')t find the computer|cannot find the (?:remote )?computer/i,
    label: "Remote Desktop can't find the computer",
    causes: [['dns-failure', 1]],
  },
  {
    pattern: /no Remote Desktop License Servers? available/i,
    label: 'no Remote Desktop license servers available',
    causes: [['licensing-problem', 1]],
  },
  {
    pattern: /time and\/or date difference|clock skew|time difference between the client and server/i,
    label: 'a time difference between client and server',
    causes: [['clock-skew', 1]],
    authError: true,
  },
  {
    pattern: /account (?:is |has been )?locked|locked out/i,
    label: 'a locked account',
    causes: [['account-restricted', 1]],
    authError: true,
  },
  {
    pattern: /password (?:has )?expired|must change (?:your|the) password/i,
    label: 'an expired password',
    causes: [
      ['password-expired', 1],
      ['nla-blocks-password-change', 0.5],
    ],
    authError: true,
  },
  {
    pattern: /not authorized for remote login|Remote Desktop Users group|right to sign in remotely/i,
    label: 'missing remote sign-in rights',
    causes: [['no-remote-logon-right', 1]],
  },
  {
    pattern: /credentials did not work|logon attempt failed/i,
    label: 'credentials that did not work',
    causes: [['wrong-credentials', 0.8]],
    authError: true,
  },
  {
    pattern: /trust relationship/i,
    label: 'a broken domain trust',
    causes: [['domain-auth-unavailable', 1]],
    authError: true,
  },
  {
    pattern: /certificate (?:has )?expired/i,
    label: 'an expired certificate',
    causes: [['cert-expired', 0.8]],
  },
  {
    pattern: /identity of the remote computer|certificate is not from a trusted/i,
    label: 'a certificate that cannot be verified',
    causes: [
      ['cert-untrusted', 0.6],
      ['cert-name-mismatch', 0.4],
    ],
  },
  {
    pattern: /Remote Desktop Gateway|RD Gateway/i,
    label: 'the RD Gateway',
    causes: [['gateway-problem', 0.5]],
  },
];

export interface PriorContribution {
  cause: string;
  weight: number;
  /** Evidence line, e.g. "0x904 (disconnectReasonAtClientWinsockFDCLOSE) is commonly caused by this". */
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

/** Contributions of well-known wording, and whether the text reports an authentication error. */
export function textPriors(text: string | undefined): { priors: PriorContribution[]; authError: boolean } {
  const priors: PriorContribution[] = [];
  let authError = false;
  if (!text) return { priors, authError };
  for (const hint of TEXT_HINTS) {
    if (!hint.pattern.test(text)) continue;
    if (hint.authError) authError = true;
    for (const [cause, weight] of hint.causes) {
      priors.push({ cause, weight, why: `The text mentions ${hint.label}` });
    }
  }
  return { priors, authError };
}
