/**
 * The limits the command line, the popup and options, and the helper share: ports, timeouts, waits,
 * message sizes, the clock tolerance. Each is defined here once; the validators, the settings, the
 * CLI's option parsers and the checks read it from here (`test/layout/limits.test.ts` holds every
 * name to this one definition). Pure data.
 */

/** TCP port bounds. */
export const MIN_PORT = 1;
export const MAX_PORT = 65_535;
/** The RDP port used when the input names none. */
export const DEFAULT_RDP_PORT = 3389;

/** Longest DNS name (RFC 1035 §2.3.4, without the trailing dot). */
export const MAX_HOST_LENGTH = 253;

/** Per-step timeout bounds of a check, in milliseconds (CLI `--timeout`, options, helper requests). */
export const MIN_TIMEOUT_MS = 50;
export const MAX_TIMEOUT_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 3_000;

/** Wait for an RDP client in a `listen-client` request (popup's Test my client), in milliseconds. */
export const MIN_LISTEN_WAIT_MS = 1_000;
export const MAX_LISTEN_WAIT_MS = 600_000;
/** How long the popup and `rdp-doctor listen` wait for a client by default. */
export const DEFAULT_LISTEN_WAIT_MS = 120_000;

/** Largest message the browser accepts from a native host (Chrome/Firefox: 1 MB), in bytes. */
export const MAX_HOST_MESSAGE_BYTES = 1024 * 1024;
/** Largest request the helper accepts, in bytes of JSON (the browser would allow 4 GB; we never need it). */
export const MAX_REQUEST_BYTES = 64 * 1024;
/** How many requests the helper runs at once; more get `busy`. */
export const MAX_CONCURRENT_REQUESTS = 8;

/** Clock difference beyond which Kerberos and CredSSP refuse: Kerberos' default tolerance, 5 minutes. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
