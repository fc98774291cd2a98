/**
 * Walks the catalogue: every code and every searchable name must be found by the detector in the form
 * people see it, in the right namespace. Catches a catalogue entry the detector cannot reach.
 */
import { describe, expect, it } from 'vitest';
import { formatHex, KNOWN_CODES, KNOWN_CONTEXT_NAMES, KNOWN_NAMES, refsForName } from '../catalog/compact.js';
import { NAME_ONLY_CODE_BASE, type Namespace } from '../catalog/types.js';
import { detect } from './index.js';

const hex = (c: number) => formatHex(c);

function findsCode(text: string, ns: Namespace, code: number): boolean {
  return detect(text).some((d) => d.namespace === ns && d.code === code);
}

/** The dialog or log line that shows a number of the family, for the families whose numbers the detector reads. */
const WALKS: Partial<Record<Namespace, (c: number) => string>> = {
  'disconnect-reason': (c) => `Remote Desktop Connection\nError code: ${hex(c)}\nExtended error code: 0x0`,
  'extended-reason': (c) => `Remote Desktop Connection\nError code: 0x3\nExtended error code: ${hex(c)}`,
  hresult: (c) => `Remote Desktop: An authentication error has occurred (Code: ${hex(c)}).`,
  ntstatus: (c) => `Remote Desktop: An authentication error has occurred (Code: ${hex(c)}).`,
  'negotiation-failure': (c) => `rdp connect: negotiation failure: failureCode = ${c}`,
  avd: (c) => `Remote Desktop\nError code: ${hex(c)}\nExtended error code: 0x0`,
  'event-id': (c) => `Source: Microsoft-Windows-TerminalServices-RemoteConnectionManager\nEvent ID: ${c}`,
  gateway: (c) => `RD Gateway: The following error occurred: "${c}".`,
};
const lineOf = (ns: Namespace, c: number) => (WALKS[ns] as (c: number) => string)(c);

describe('catalogue coverage', () => {
  it('every disconnect reason in an "Error code" / "Extended error code" dialog', () => {
    const missed = KNOWN_CODES['disconnect-reason'].filter(
      (c) => !findsCode(lineOf('disconnect-reason', c), 'disconnect-reason', c),
    );
    expect(missed.map(hex)).toEqual([]);
  });

  it('every extended reason / ERRINFO value after "Extended error code"', () => {
    const missed = KNOWN_CODES['extended-reason'].filter(
      (c) => !findsCode(lineOf('extended-reason', c), 'extended-reason', c),
    );
    expect(missed.map(hex)).toEqual([]);
  });

  it('every HRESULT and NTSTATUS in an RDP authentication error', () => {
    const missed = (['hresult', 'ntstatus'] as const).flatMap((ns) =>
      KNOWN_CODES[ns].filter((c) => !findsCode(lineOf(ns, c), ns, c)).map((c) => `${ns}:${hex(c)}`),
    );
    expect(missed).toEqual([]);
  });

  it('every negotiation failure code after FreeRDP\'s "failureCode"', () => {
    const missed = KNOWN_CODES['negotiation-failure'].filter(
      (c) => !findsCode(lineOf('negotiation-failure', c), 'negotiation-failure', c),
    );
    expect(missed).toEqual([]);
  });

  it('every FreeRDP composite in a log line and every X11 exit status from 128 up', () => {
    const missed = KNOWN_CODES.freerdp
      .filter((c) => c >>> 16 === 2 || (c >= 128 && c <= 255))
      .filter((c) => {
        const text =
          c >>> 16 === 2
            ? `[ERROR][com.freerdp.core] - freerdp_set_last_error ${hex(c)}`
            : `xfreerdp /v:host failed, exit status ${c}`;
        return !findsCode(text, 'freerdp', c);
      });
    expect(missed.map(hex)).toEqual([]);
  });

  it('every event ID after "Event ID" in an RDP event-log entry', () => {
    const missed = KNOWN_CODES['event-id'].filter((c) => !findsCode(lineOf('event-id', c), 'event-id', c));
    expect(missed).toEqual([]);
  });

  it('every numeric AVD client code in the Windows App dialog', () => {
    const missed = KNOWN_CODES.avd
      .filter((c) => c >= 0x03000000 && c < 0x04000000)
      .filter((c) => !findsCode(lineOf('avd', c), 'avd', c));
    expect(missed.map(hex)).toEqual([]);
  });

  it('every code without a searchable name by its number, in a line of its family (a new family: teach the detector its numbers)', () => {
    const named = new Set(KNOWN_NAMES.map(([, ns, c]) => `${ns}:${c >>> 0}`));
    const missed: string[] = [];
    for (const [ns, codes] of Object.entries(KNOWN_CODES) as [Namespace, readonly number[]][]) {
      const walk = WALKS[ns];
      for (const c of codes) {
        if (named.has(`${ns}:${c >>> 0}`) || c >= NAME_ONLY_CODE_BASE) continue;
        if (!walk) missed.push(`${ns}:${hex(c)} (no line of this family in WALKS)`);
        else if (!findsCode(walk(c), ns, c)) missed.push(`${ns}:${hex(c)}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('every searchable name, standalone when unambiguous, with RDP context otherwise', () => {
    const needsContext = new Set(KNOWN_CONTEXT_NAMES.map((n) => n.toUpperCase()));
    const token = /^[A-Za-z][A-Za-z0-9_]*$/;
    const missed: string[] = [];
    for (const [name, ns] of KNOWN_NAMES) {
      if (!token.test(name)) continue; // names with ':' or '(' are aliases for display, not log tokens
      const context = ns === 'avd' ? 'Azure Virtual Desktop connection failed' : 'Remote Desktop connection failed';
      const text = needsContext.has(name.toUpperCase()) ? `${context}: ${name}` : `[ERROR][com.freerdp.core] - ${name}`;
      const refs = refsForName(name);
      const ok = detect(text).some((d) =>
        refs.some(
          (r) => r.namespace === d.namespace && (r.code >>> 0 === d.code || r.code >>> 0 >= NAME_ONLY_CODE_BASE),
        ),
      );
      if (!ok) missed.push(`${ns}:${name}`);
    }
    expect(missed).toEqual([]);
  });
});
