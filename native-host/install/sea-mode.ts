/**
 * First module of the single executable (Node SEA): decides whether this run is the browser starting
 * the helper or a person running the command line, before either entry module loads.
 *
 * Browsers start a native helper with the caller as its arguments: Chromium-family browsers pass
 * `chrome-extension://<id>/` (plus `--parent-window=<n>` on Windows); Firefox passes the host
 * manifest's path and the add-on id. No `rdp-doctor` command starts with either.
 * `main.ts` and `cli.ts` each run themselves only when `argv[1]` names them, so sea-argv.ts names
 * one to pick the mode.
 */
export function startedByBrowser(args: readonly string[]): boolean {
  const first = args[0] ?? '';
  if (first.startsWith('chrome-extension://')) return true;
  return args.length >= 2 && !first.startsWith('-') && /\.json$/i.test(first);
}
