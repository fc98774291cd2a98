/**
 * Asks the native helper for its hello and disconnects. Minimal skeleton version; the full
 * port owner (reconnects, multiplexing, guidance) lives in native.ts.
 */
import browser from '../lib/browser.js';

export const HOST_NAME = 'com.rdpdoctor.host';

export type HelperStatus =
  | { connected: true; hostVersion: string; protocolVersion: number; capabilities: string[] }
  | { connected: false; error: string };

export function helperStatus(timeoutMs = 5000): Promise<HelperStatus> {
  return new Promise((resolve) => {
    let settled = false;
    let port: browser.Runtime.Port;
    const finish = (s: HelperStatus) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        port.disconnect();
      } catch {
        // already gone
      }
      resolve(s);
    };
    const timer = setTimeout(() => finish({ connected: false, error: 'The helper did not say hello in time.' }), timeoutMs);
    try {
      port = browser.runtime.connectNative(HOST_NAME);
    } catch (e) {
      finish({ connected: false, error: e instanceof Error ? e.message : String(e) });
      return;
    }
    port.onMessage.addListener((msg: unknown) => {
      const m = msg as { type?: unknown; hostVersion?: unknown; protocolVersion?: unknown; capabilities?: unknown };
      if (m?.type === 'hello' && typeof m.hostVersion === 'string' && typeof m.protocolVersion === 'number') {
        finish({
          connected: true,
          hostVersion: m.hostVersion,
          protocolVersion: m.protocolVersion,
          capabilities: Array.isArray(m.capabilities) ? m.capabilities.filter((c): c is string => typeof c === 'string') : [],
        });
      }
    });
    port.onDisconnect.addListener((p) => {
      const err = (p as { error?: { message?: string } }).error?.message ?? chrome?.runtime?.lastError?.message;
      finish({ connected: false, error: err ?? 'The helper disconnected.' });
    });
  });
}
