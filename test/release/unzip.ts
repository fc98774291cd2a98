/**
 * Reads a zip archive (stored or deflated entries, as web-ext writes them) into a folder, so tests can
 * load a release package into a browser without an unzip tool on the machine.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export function unzip(file: string, into: string): string[] {
  const z = readFileSync(file);
  const eocd = z.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file}: not a zip archive`);
  const count = z.readUInt16LE(eocd + 10);
  let at = z.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (z.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = z.readUInt16LE(at + 10);
    const size = z.readUInt32LE(at + 20);
    const nameLen = z.readUInt16LE(at + 28);
    const extraLen = z.readUInt16LE(at + 30);
    const commentLen = z.readUInt16LE(at + 32);
    const local = z.readUInt32LE(at + 42);
    const name = z.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    at += 46 + nameLen + extraLen + commentLen;
    const safe = normalize(name);
    if (safe.startsWith('..') || safe.startsWith('/')) throw new Error(`${file}: entry outside the folder: ${name}`);
    names.push(name);
    if (name.endsWith('/')) continue;
    const dataAt = local + 30 + z.readUInt16LE(local + 26) + z.readUInt16LE(local + 28);
    const raw = z.subarray(dataAt, dataAt + size);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : null;
    if (!data) throw new Error(`${file}: ${name} uses compression method ${method}`);
    mkdirSync(dirname(join(into, safe)), { recursive: true });
    writeFileSync(join(into, safe), data);
  }
  return names;
}
