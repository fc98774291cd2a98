/** Version of the helper and CLI (kept equal to package.json's version; a test checks it). */
export const HOST_VERSION = '0.1.0';
