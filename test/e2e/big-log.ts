/**
 * A large FreeRDP-style debug log (graphics-channel lines only, no error) with one chosen last line:
 * logs put the failure at the end. Shared by the popup's large-paste tests and the full-view benchmark.
 */

/** The failure line a 2 MB log ends with in the tests and the benchmark. */
export const TLS_FAILED_LINE =
  '[12:59:59:999] [4242:4243] [ERROR][com.freerdp.core] - freerdp_set_last_error_ex ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]';

/** At least `bytes` characters of debug lines, then `lastLine`. */
export function bigLog(bytes: number, lastLine: string = TLS_FAILED_LINE): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = `12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String(i % 1000).padStart(3, '0')}`;
    const line = `[${t}] [4242:4243] [DEBUG][com.freerdp.channels.rdpgfx.client] - RdpGfxRecvPdu: cmdId: 0x${(i % 0x20).toString(16)} pduLength: ${i % 9000} frame ${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push(lastLine);
  return lines.join('\n');
}
