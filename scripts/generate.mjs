#!/usr/bin/env node
// Writes the files generated from the source, which are committed so that a fresh clone builds and
// tests without this step: shared/catalog/namespace-list.ts and known-codes.ts (the namespace list; the
// compact index of the error catalogue), native-host/checks/implementations.ts (the checks of that folder) and
// docs/checks.md (the check registry). `npm run build` runs it first. With --check (and in CI, where
// CI=true) it writes nothing and fails when a committed file is out of date. Each file also has a
// test that fails when it is stale (shared/catalog/catalog.test.ts, native-host/checks/registry.test.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** In order: the check index is rendered from file names alone; the document imports the checks through it. */
const TARGETS = [
  async () => {
    const render = await tsImport('../shared/catalog/known-codes-render.ts', import.meta.url);
    const families = await tsImport('../shared/catalog/families.ts', import.meta.url);
    return {
      path: render.KNOWN_CODES_FILE,
      text: render.renderKnownCodes(families.ALL_ENTRIES, families.FAMILY_NAMESPACES),
    };
  },
  async () => {
    const render = await tsImport('../shared/catalog/known-codes-render.ts', import.meta.url);
    const families = await tsImport('../shared/catalog/families.ts', import.meta.url);
    return { path: render.NAMESPACE_LIST_FILE, text: render.renderNamespaceList(families.FAMILY_NAMESPACES) };
  },
  async () => {
    const m = await tsImport('./generate/check-index.ts', import.meta.url);
    return { path: m.CHECK_INDEX, text: m.renderCheckIndex(root) };
  },
  async () => {
    const m = await tsImport('./generate/checks-doc.ts', import.meta.url);
    return { path: m.CHECKS_DOC, text: m.renderChecksDoc() };
  },
];

/** Returns the paths written (or, with `check`, throws naming the stale ones). */
export async function generate({ check = false } = {}) {
  const written = [];
  for (const target of TARGETS) {
    const { path, text } = await target();
    const file = join(root, path);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    if (check) throw new Error(`${path} is out of date: run \`npm run build\` and commit the file it rewrites.`);
    writeFileSync(file, text);
    written.push(path);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const written = await generate({ check: process.argv.includes('--check') });
    for (const p of written) console.log(`generated ${p}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}
