/**
 * Where released copies of RDP Doctor come from: the extension ids the stores give it and the names
 * of the release files. This is the one place to change them; the helper's installer and the
 * extension's guidance both read it.
 */

/** Firefox add-on id (the manifest's `browser_specific_settings.gecko.id`), the same on addons.mozilla.org. */
export const FIREFOX_EXTENSION_ID = 'rdp-doctor@rdpdoctor.dev';

/**
 * Ids of the published extension, allowed by every `rdp-doctor host install`.
 * Chromium-family stores (Chrome Web Store, Edge Add-ons) assign the id at the first upload; add it
 * here then. Until it is known, a store copy passes its own id with `--extension-id` (the helper
 * card in the extension shows the exact command).
 */
export const STORE_EXTENSION_IDS: { readonly chromium: readonly string[]; readonly firefox: readonly string[] } = {
  chromium: [],
  firefox: [FIREFOX_EXTENSION_ID],
};

/** The helper + command line as an npm package file: `rdp-doctor-<version>.tgz`. */
export function npmPackageFile(version: string): string {
  return `rdp-doctor-${version}.tgz`;
}

/** The helper + command line as one executable (no Node.js needed): `rdp-doctor-<version>-<os>-<arch>`. */
export function singleExecutableFile(version: string, os: 'linux' | 'mac' | 'win', arch = 'x64'): string {
  return `rdp-doctor-${version}-${os === 'mac' ? 'macos' : os}-${arch}${os === 'win' ? '.exe' : ''}`;
}
