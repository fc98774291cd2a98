/**
 * Catalogue codes of the code-less messages (`codeless.ts`), kept apart so that the phrase list
 * (`messages.ts`, shipped in the content script) can point at them without carrying their summaries.
 */
import { NAME_ONLY_CODE_BASE as N } from './define.js';

export const CODELESS = {
  credentialsDidNotWork: N + 1,
  cannotConnect: N + 2,
  portPrerequisiteNotMet: N + 3,
  signInMethodNotAllowed: N + 4,
  accountPreventedOnDevice: N + 5,
} as const;
