/**
 * The background is one router: one `runtime.onMessage` and one `runtime.onConnect` listener, both in
 * index.ts, with a route for every request type; pages and content scripts reach it only through the
 * one client (lib/client.ts). The in-page card (injected as a self-contained function) is the one
 * sender outside the client.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REQUESTS } from '../lib/messages.js';

const EXT = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    if (!/\.tsx?$/.test(e.name) || /\.test\.tsx?$/.test(e.name)) return [];
    return [{ file: relative(EXT, path), text: readFileSync(path, 'utf8') }];
  });
}

const count = (re: RegExp) =>
  sources(EXT).flatMap(({ file, text }) => Array.from({ length: (text.match(re) ?? []).length }, () => file));

describe('one background router', () => {
  it('has one onMessage and one onConnect listener, both in the router', () => {
    expect(count(/runtime\.onMessage\.addListener/g).filter((f) => f.startsWith('background'))).toEqual([
      'background/index.ts',
    ]);
    expect(count(/runtime\.onConnect\.addListener/g)).toEqual(['background/index.ts']);
  });

  it('routes every request type of the table', () => {
    const router = readFileSync(join(EXT, 'background/index.ts'), 'utf8');
    for (const type of Object.keys(REQUESTS)) expect(router, type).toContain(`'${type}': (`);
  });

  it('is reached through the one client only (the injected card aside)', () => {
    expect(count(/runtime\.sendMessage\(/g)).toEqual(['lib/client.ts']);
    expect(count(/runtime\.connect\(/g)).toEqual(['lib/client.ts']);
    expect(count(/sendMessage\?\.\(/g)).toEqual(['content/card-view.ts']);
  });
});
