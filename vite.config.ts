import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

/** Firefox id: must match the native host manifest's `allowed_extensions`. */
export const FIREFOX_ID = 'rdp-doctor@rdpdoctor.dev';

type Target = 'chromium' | 'firefox';

/** The same manifest, shaped for each browser family. */
function manifestFor(target: Target): ManifestV3Export {
  const base = structuredClone(manifest) as Record<string, unknown>;
  if (target === 'firefox') {
    const { service_worker } = base.background as { service_worker: string };
    base.background = { scripts: [service_worker], type: 'module' };
    base.browser_specific_settings = {
      gecko: { id: FIREFOX_ID, strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
    };
    delete base.key; // Firefox identifies the extension by browser_specific_settings.gecko.id
  }
  return base as unknown as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chromium';
  return {
    plugins: [preact(), crx({ manifest: manifestFor(target), browser: target === 'firefox' ? 'firefox' : 'chrome' })],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
      chunkSizeWarningLimit: 600,
    },
    logLevel: 'warn',
  };
});
