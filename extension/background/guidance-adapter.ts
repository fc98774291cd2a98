/**
 * Guidance for helper problems, as the background shows it: a title, an explanation and the exact
 * command that fixes it for this browser. The shared mapping (`shared/protocol/guidance.ts`) is the
 * source of truth when present; this adapter only picks the browser name and falls back to the
 * protocol's user-safe sentences.
 */
import { PROTOCOL_ERROR_MESSAGES, type ProtocolErrorCode } from '../../shared/protocol/errors.js';
import type { HelperGuidance } from '../lib/messages.js';

/** The `--browser` value of `rdp-doctor host install` for the browser this worker runs in. */
export function detectBrowser(): string {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { brands?: { brand: string }[] } }) | undefined;
  const brands = (nav?.userAgentData?.brands ?? []).map((b) => b.brand);
  const ua = nav?.userAgent ?? '';
  if (/Firefox\//.test(ua)) return 'firefox';
  if (brands.includes('Microsoft Edge') || /Edg\//.test(ua)) return 'edge';
  if (brands.includes('Brave')) return 'brave';
  if (/Vivaldi\//.test(ua)) return 'vivaldi';
  if (brands.includes('Google Chrome')) return 'chrome';
  return 'chromium';
}

function installCommand(): string {
  return `npx rdp-doctor host install --browser ${detectBrowser()}`;
}

const TITLES: Partial<Record<ProtocolErrorCode, string>> = {
  'host-not-found': 'The RDP Doctor helper is not installed for this browser',
  'host-forbidden': 'The helper does not allow this extension',
  'host-exited': 'The helper stopped',
  'host-failed-to-start': 'The browser could not start the helper',
  'host-communication-error': 'The helper sent something the browser could not read',
  'host-no-hello': 'The helper did not answer',
  'host-incompatible': 'The helper and the extension need the same protocol version',
  'unsupported-capability': 'This helper cannot run server checks yet',
};

export function guidanceFor(code: ProtocolErrorCode, detail?: string): HelperGuidance {
  const title = TITLES[code] ?? 'The check could not run';
  const explanation = code === 'host-incompatible' && detail ? detail : PROTOCOL_ERROR_MESSAGES[code];
  const needsInstall: ProtocolErrorCode[] = [
    'host-not-found',
    'host-forbidden',
    'host-failed-to-start',
    'host-exited',
    'host-communication-error',
    'host-no-hello',
    'host-incompatible',
    'unsupported-capability',
  ];
  return needsInstall.includes(code) ? { title, explanation, command: installCommand() } : { title, explanation };
}
