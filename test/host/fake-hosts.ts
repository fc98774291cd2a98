/**
 * Broken or foreign helpers for end-to-end tests of the extension's guidance, registered in a
 * browser profile's `NativeMessagingHosts/` exactly as `rdp-doctor host install --user-data-dir`
 * does (same host name, same allowed origin), so the browser really starts them:
 *
 * - `missing`            manifest `path` names a file that does not exist
 * - `not-executable`     the launcher exists but has no execute permission
 * - `exits-immediately`  the launcher exits 3 without a word
 * - `silent`             the program runs but never says hello
 * - `garbage`            the program prints text to stdout (not frames)
 * - `old-protocol`       a helper speaking protocol 0.9 (the extension must say "update the helper")
 * - `new-protocol`       a helper speaking protocol 9.0 (the extension must say "update the extension")
 * - `wrong-origin`       a real-looking manifest that allows another extension id only
 *
 * The fake programs are small Node scripts written next to the manifest; the launcher names node by
 * absolute path (`process.execPath`), as the real installer does.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDevKey } from '../../native-host/install/dev-key.js';
import { HOST_NAME } from '../../shared/protocol/messages.js';
import { ROOT } from './harness.js';

export type FakeHostKind =
  | 'missing'
  | 'not-executable'
  | 'exits-immediately'
  | 'silent'
  | 'garbage'
  | 'old-protocol'
  | 'new-protocol'
  | 'wrong-origin';

/** The development build's origin (its id comes from this checkout's key). */
export const DEV_ORIGIN = `chrome-extension://${ensureDevKey(ROOT).id}/`;

/** A helper that frames messages correctly and says hello with the given protocol version. */
function versionedHost(protocolVersion: string): string {
  return `
const send = (m) => { const b = Buffer.from(JSON.stringify(m)); const h = Buffer.alloc(4); h.writeUInt32LE(b.length); process.stdout.write(Buffer.concat([h, b])); };
send({ type: 'hello', protocolVersion: ${JSON.stringify(protocolVersion)}, hostVersion: '${protocolVersion}.0-fake', capabilities: ['ping'], platform: process.platform, maxConcurrent: 1 });
let buf = Buffer.alloc(0);
process.stdin.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32LE(0)) {
    const n = buf.readUInt32LE(0);
    const m = JSON.parse(buf.subarray(4, 4 + n).toString());
    buf = buf.subarray(4 + n);
    if (m.type === 'ping') send({ type: 'pong', id: m.id, hostVersion: '${protocolVersion}.0-fake' });
  }
});
process.stdin.on('end', () => process.exit(0));
`;
}

const PROGRAMS: Partial<Record<FakeHostKind, string>> = {
  silent: `process.stdin.on('data', () => {}); process.stdin.on('end', () => process.exit(0));`,
  garbage: `process.stdout.write('Welcome to the helper! Type help for help.\\n'); process.stdin.on('end', () => process.exit(0));`,
  'old-protocol': versionedHost('0.9'),
  'new-protocol': versionedHost('9.0'),
};

/**
 * Write a fake helper of `kind` into `userDataDir/NativeMessagingHosts/`. Returns the manifest path.
 * `realLauncher` is the path of a working launcher (for `wrong-origin`).
 */
export function registerFakeHost(userDataDir: string, kind: FakeHostKind, realLauncher?: string): string {
  const dir = join(userDataDir, 'NativeMessagingHosts');
  mkdirSync(dir, { recursive: true });
  const launcher = join(dir, `fake-${kind}`);
  let origins = [DEV_ORIGIN];
  if (kind === 'exits-immediately') {
    writeFileSync(launcher, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
  } else if (kind === 'not-executable') {
    writeFileSync(launcher, '#!/bin/sh\nexit 0\n');
    chmodSync(launcher, 0o644);
  } else if (kind === 'wrong-origin') {
    origins = ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'];
  } else if (kind !== 'missing') {
    const program = join(dir, `fake-${kind}.cjs`);
    writeFileSync(program, PROGRAMS[kind]!);
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    writeFileSync(launcher, `#!/bin/sh\nexec ${q(process.execPath)} ${q(program)} "$@"\n`, { mode: 0o755 });
    chmodSync(launcher, 0o755);
  }
  const manifestPath = join(dir, `${HOST_NAME}.json`);
  const path = kind === 'wrong-origin' && realLauncher ? realLauncher : launcher;
  writeFileSync(
    manifestPath,
    JSON.stringify({
      name: HOST_NAME,
      description: `fake helper: ${kind}`,
      path,
      type: 'stdio',
      allowed_origins: origins,
    }),
  );
  return manifestPath;
}
