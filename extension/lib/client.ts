/**
 * The one client of the background, for extension pages and content scripts: `ask` for one-shot
 * requests, `openChecks` for the streaming checks port and `connectFinder` for the content script's find port. Both speak only the types of
 * messages.ts, and every answer is validated there before the caller sees it.
 *
 * (The in-page card, card-view.ts, is the one sender outside this client: the background injects it
 * as a self-contained function, so it posts its two messages with the runtime directly, typed
 * against the same table.)
 */

import type { Runtime } from 'webextension-polyfill';
import { validateCheckResult } from '../../shared/protocol/validate.js';
import browser from './browser.js';
import { FIND_PORT } from './find-messages.js';
import {
  type AnswerOf,
  CHECKS_PORT,
  type ChecksEvent,
  type ChecksStart,
  parseChecksEvent,
  REQUESTS,
  type RequestBody,
  type RequestType,
} from './messages.js';

/** Sends one request; resolves with the validated answer, rejects when there is none or it is not valid. */
export async function ask<K extends RequestType>(type: K, body: RequestBody<K>): Promise<AnswerOf<K>> {
  const raw: unknown = await browser.runtime.sendMessage({ ...body, type });
  const answer = REQUESTS[type].answer(raw);
  if (answer === undefined) throw new Error(`The background gave no valid answer to ${type}.`);
  return answer;
}

/**
 * Opens the checks port, sends `start` and hands every validated event to `onEvent` until `done` or
 * `failed`. The returned function cancels (closing the port cancels the run in the helper).
 */
export function openChecks(start: ChecksStart, onEvent: (e: ChecksEvent) => void): () => void {
  const port = connect(CHECKS_PORT);
  let finished = false;
  port.onMessage.addListener((raw: unknown) => {
    const e = parseChecksEvent(raw, validateCheckResult);
    if (!e || finished) return;
    if (e.type === 'done' || e.type === 'failed') finished = true;
    onEvent(e);
    if (finished) port.disconnect();
  });
  port.onDisconnect.addListener(() => {
    if (finished) return;
    finished = true;
    onEvent({ type: 'failed', code: 'host-exited', message: 'The connection to the background was lost.' });
  });
  port.postMessage(start);
  return () => {
    if (finished) return;
    finished = true;
    port.disconnect();
  };
}

/** Opens the find port (content scripts; the questions and answers are in find-messages.ts). */
export function connectFinder(): Runtime.Port {
  return connect(FIND_PORT);
}

/** The one place a port to the background is opened. */
function connect(name: typeof CHECKS_PORT | typeof FIND_PORT): Runtime.Port {
  return browser.runtime.connect({ name });
}
