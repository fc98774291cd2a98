/**
 * The development extension id. A Chromium extension loaded unpacked gets its id from the `key`
 * (public key) in its manifest: the first 32 hex digits of SHA-256 over the DER public key, written
 * with the letters a–p. Each checkout makes its own key pair the first time it is built, keeps the
 * private key in `.local/` (never committed), and puts the public key into the development build
 * only — so the development id is stable for that checkout and known to nobody else.
 *
 * Store builds carry no `key`: the store assigns the id.
 */
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where a checkout keeps its development key, relative to the checkout's root. */
export const DEV_KEY_FILE = '.local/extension-dev-key.pem';

export interface DevKey {
  /** The private key file. */
  path: string;
  /** Base64 DER SubjectPublicKeyInfo: the manifest's `key`. */
  publicKey: string;
  /** The extension id Chromium derives from it. */
  id: string;
}

/** Chromium's extension id for a public key (base64 DER SubjectPublicKeyInfo). */
export function extensionIdFromPublicKey(publicKeyBase64: string): string {
  return createHash('sha256')
    .update(Buffer.from(publicKeyBase64, 'base64'))
    .digest('hex')
    .slice(0, 32)
    .replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + Number.parseInt(c, 16)));
}

function fromPem(path: string, pem: string): DevKey {
  const publicKey = createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('base64');
  return { path, publicKey, id: extensionIdFromPublicKey(publicKey) };
}

/** The checkout's development key, or null when it has none yet (or it cannot be read). */
export function readDevKey(root: string): DevKey | null {
  const path = join(root, DEV_KEY_FILE);
  if (!existsSync(path)) return null;
  try {
    return fromPem(path, readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** The checkout's development key, made (RSA 2048, readable by its owner only) when missing. */
export function ensureDevKey(root: string): DevKey {
  const existing = readDevKey(root);
  if (existing) return existing;
  const path = join(root, DEV_KEY_FILE);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Written whole under a temporary name, then linked into place: if a parallel build made one
  // first, the link fails and theirs is kept.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, pem, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
  const key = readDevKey(root);
  if (!key) throw new Error(`could not read the development key ${path}`);
  return key;
}
