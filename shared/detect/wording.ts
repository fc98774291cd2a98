/**
 * Well-known wording of real client dialogs and logs, read once here into typed facts ("the text
 * says …"), so that the diagnosis reasons over ids and never reads prose itself. Each fact carries
 * `source: 'text'`: it is what the text states, not what a check established.
 */

export const WORDING_IDS = [
  'credssp-oracle',
  'authentication-error',
  'lsa-unreachable',
  'internal-error',
  'requires-nla',
  'cannot-find-computer',
  'no-license-servers',
  'time-difference',
  'account-locked',
  'password-expired',
  'no-remote-logon-right',
  'credentials-did-not-work',
  'trust-relationship',
  'certificate-expired',
  'certificate-identity',
  'rd-gateway',
  'azure-vm',
  'azure-virtual-desktop',
] as const;
export type WordingId = (typeof WORDING_IDS)[number];

export interface WordingFact {
  source: 'text';
  id: WordingId;
  /** What the text says, in a few words ("an authentication error"), for evidence lines. */
  label: string;
}

interface WordingRule {
  id: WordingId;
  pattern: RegExp;
  label: string;
}

const RULES: readonly WordingRule[] = [
  { id: 'credssp-oracle', pattern: /CredSSP|encryption oracle/i, label: 'CredSSP encryption oracle remediation' },
  {
    id: 'authentication-error',
    pattern: /authentication error has occurred|authentication error occurred/i,
    label: 'an authentication error',
  },
  {
    id: 'lsa-unreachable',
    pattern: /Local Security Authority cannot be contacted/i,
    label: 'the Local Security Authority cannot be contacted',
  },
  { id: 'internal-error', pattern: /internal error has occurred/i, label: 'an internal error' },
  {
    id: 'requires-nla',
    pattern: /requires Network Level Authentication/i,
    label: 'the server requires Network Level Authentication',
  },
  {
    id: 'cannot-find-computer',
    pattern: /can(?:no|')t find the computer|cannot find the (?:remote )?computer/i,
    label: "Remote Desktop can't find the computer",
  },
  {
    id: 'no-license-servers',
    pattern: /no Remote Desktop License Servers? available/i,
    label: 'no Remote Desktop license servers available',
  },
  {
    id: 'time-difference',
    pattern: /time and\/or date difference|clock skew|time difference between the client and server/i,
    label: 'a time difference between client and server',
  },
  { id: 'account-locked', pattern: /account (?:is |has been )?locked|locked out/i, label: 'a locked account' },
  {
    id: 'password-expired',
    pattern: /password (?:has )?expired|must change (?:your|the) password/i,
    label: 'an expired password',
  },
  {
    id: 'no-remote-logon-right',
    pattern: /not authorized for remote login|Remote Desktop Users group|right to sign in remotely/i,
    label: 'missing remote sign-in rights',
  },
  {
    id: 'credentials-did-not-work',
    pattern: /credentials did not work|logon attempt failed/i,
    label: 'credentials that did not work',
  },
  { id: 'trust-relationship', pattern: /trust relationship/i, label: 'a broken domain trust' },
  { id: 'certificate-expired', pattern: /certificate (?:has )?expired/i, label: 'an expired certificate' },
  {
    id: 'certificate-identity',
    pattern: /identity of the remote computer|certificate is not from a trusted/i,
    label: 'a certificate that cannot be verified',
  },
  { id: 'rd-gateway', pattern: /Remote Desktop Gateway|RD Gateway/i, label: 'the RD Gateway' },
  {
    id: 'azure-vm',
    pattern:
      /\bAzure VM\b|\bAzure virtual machine\b|cloudapp\.azure\.com|\bRun command\b.*\bAzure\b|Microsoft\.Compute/i,
    label: 'an Azure virtual machine',
  },
  {
    id: 'azure-virtual-desktop',
    pattern: /Azure Virtual Desktop|\bAVD\b|Windows Virtual Desktop|host pool|Windows App\b/i,
    label: 'Azure Virtual Desktop',
  },
];

/** The well-known wordings in `text`, each once, in rule order. */
export function wordingOf(text: string | undefined): WordingFact[] {
  if (!text) return [];
  return RULES.filter((r) => r.pattern.test(text)).map((r) => ({ source: 'text', id: r.id, label: r.label }));
}
