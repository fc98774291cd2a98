/**
 * The helper as the routes see it, over the real native client with a port that cannot be opened
 * (what the browser says when the helper is not registered).
 */
import { describe, expect, it } from 'vitest';
import { guidanceFor } from '../../shared/protocol/guidance.js';
import { createHelper } from './helper.js';
import { failureOf, NativeClient, NativeError } from './native.js';

const context = () => ({ browser: 'chromium' as const, os: 'linux' as const });

function missingHelper(): NativeClient {
  return new NativeClient({
    context,
    connect: () => {
      throw new Error('Specified native messaging host not found.');
    },
  });
}

describe('helper status for pages', () => {
  it('a missing helper: the page gets the install command, the status command and the own-profile steps', async () => {
    const status = await createHelper(missingHelper()).status();
    const want = guidanceFor('host-not-found', context());
    expect(status.connected).toBe(false);
    if (status.connected) return;
    expect(status.code).toBe('host-not-found');
    expect(want.diagnose).toMatch(/host status/);
    expect(status.guidance.command).toBe(want.command);
    expect(status.guidance.diagnose).toBe(want.diagnose);
    expect(status.guidance.profile).toEqual(want.profile);
    expect(status.guidance).not.toHaveProperty('code');
  });

  it('a failed run tells the page the same: one error type, its guidance whole', async () => {
    const helper = createHelper(missingHelper());
    const err = await helper
      .runProbe({ host: '127.0.0.1', port: 3389, timeoutMs: 1000 }, () => {}, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NativeError);
    const view = failureOf(err, context);
    expect(view.code).toBe('host-not-found');
    expect(view.guidance.diagnose).toMatch(/host status/);
    expect(failureOf(new TypeError('boom'), context)).toMatchObject({ code: 'internal' });
  });
});
