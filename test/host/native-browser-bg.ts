/**
 * Service worker of the small test extension used by native-browser.test.ts: it only exposes the
 * real background port owner (extension/background/native.ts) so the test can drive it.
 */
import { NativeClient } from '../../extension/background/native.js';

(globalThis as Record<string, unknown>).native = new NativeClient({ idleMs: 500 });
