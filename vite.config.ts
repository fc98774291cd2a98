import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { buildSync } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import { builtInMatches } from './extension/lib/settings.js';
import manifest from './manifest.json' with { type: 'json' };
import { ensureDevKey } from './native-host/install/dev-key.js';
import { FIREFOX_EXTENSION_ID } from './shared/protocol/release.js';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Build modes: `chromium` (development: carries this checkout's own public key, so the unpacked
 * extension has a stable id), `store` (the Chromium/Edge store package: no key, the store assigns
 * the id) and `firefox`.
 */
type Mode = 'chromium' | 'store' | 'firefox';

/** The same manifest, shaped for each build. */
function manifestFor(mode: Mode): ManifestV3Export {
  const base = structuredClone(manifest) as Record<string, unknown>;
  base.version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (mode === 'firefox') {
    const { service_worker } = base.background as { service_worker: string };
    base.background = { scripts: [service_worker], type: 'module' };
    base.browser_specific_settings = {
      gecko: {
        id: FIREFOX_EXTENSION_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  // The content script's sites come from the one list the options page switches (settings.ts).
  const [content] = base.content_scripts as Array<{ matches?: string[] }>;
  content!.matches = builtInMatches();
  if (mode === 'chromium') base.key = ensureDevKey(root).publicKey;
  return base as unknown as ManifestV3Export;
}

interface WebAccessible {
  matches: string[];
  resources: string[];
  use_dynamic_url?: boolean;
}

/**
 * crxjs starts each content script with a small loader that `import()`s its real code from
 * web-accessible chunks, and makes those chunks web-accessible to every origin the script runs on
 * (paths dropped, so `https://*\/RDWeb/*` becomes `https://*\/*`). Any website could then detect the
 * extension by fetching a fixed URL. Chromium's `use_dynamic_url` would hide the URL, but dynamic
 * imports from content scripts then fail (Chromium issue 363027634). So each loader is replaced by
 * its code bundled into one classic script, and the chunks it needed stop being web-accessible;
 * anything else a page must load keeps a per-session URL in Chromium (`use_dynamic_url`; Firefox
 * already gives each installation its own random extension origin).
 */
function inlineContentScripts(mode: Mode, outDir: string): Plugin {
  return {
    name: 'rdp-doctor-inline-content-scripts',
    apply: 'build',
    enforce: 'post',
    writeBundle() {
      const file = join(outDir, 'manifest.json');
      const m = JSON.parse(readFileSync(file, 'utf8')) as {
        content_scripts?: Array<{ js?: string[] }>;
        web_accessible_resources?: WebAccessible[];
      };
      const bundled = new Set<string>();
      for (const cs of m.content_scripts ?? []) {
        for (const js of cs.js ?? []) {
          const loader = readFileSync(join(outDir, js), 'utf8');
          const entry = /chrome\.runtime\.getURL\("([^"]+)"\)/.exec(loader)?.[1];
          if (!entry) continue;
          const r = buildSync({
            entryPoints: [join(outDir, entry)],
            outfile: join(outDir, js),
            allowOverwrite: true,
            bundle: true,
            format: 'iife',
            target: 'es2022',
            minify: true,
            metafile: true,
            logLevel: 'warning',
          });
          for (const input of Object.keys(r.metafile?.inputs ?? {})) {
            bundled.add(relative(outDir, join(process.cwd(), input)).split(sep).join('/'));
          }
        }
      }
      m.web_accessible_resources = (m.web_accessible_resources ?? [])
        .map((w) => ({ ...w, resources: w.resources.filter((r) => !bundled.has(r)) }))
        .filter((w) => w.resources.length > 0)
        .map((w) => {
          const narrowed: WebAccessible = { matches: [...new Set(w.matches)].sort(), resources: w.resources };
          if (mode !== 'firefox') narrowed.use_dynamic_url = true;
          return narrowed;
        });
      if (m.web_accessible_resources.length === 0) delete m.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
    },
  };
}

export default defineConfig(({ mode: raw }) => {
  const mode: Mode = raw === 'firefox' || raw === 'store' ? raw : 'chromium';
  const outDir = join(root, mode === 'store' ? 'dist/store/chromium' : `dist/${mode}`);
  return {
    plugins: [
      preact(),
      crx({ manifest: manifestFor(mode), browser: mode === 'firefox' ? 'firefox' : 'chrome' }),
      inlineContentScripts(mode, outDir),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
      chunkSizeWarningLimit: 600,
    },
    logLevel: 'warn',
  };
});
