import { describe, expect, it } from 'vitest';
import { explainText } from './events.js';

describe('events', () => {
  it('makes one event of a paired Error code + Extended error code, the extended code speaking first', () => {
    const { detections, events } = explainText(
      'Remote Desktop Connection\nError code: 0x904\nExtended error code: 0x7',
    );
    expect(detections).toHaveLength(2);
    expect(events).toHaveLength(1);
    const ev = events[0];
    expect(ev?.detections).toEqual([0, 1]);
    expect(ev?.title).toBe('Error code 0x904 + Extended error code 0x7');
    expect(ev?.summary.length).toBeGreaterThan(20);
    expect(ev?.summary.indexOf(detections[1]?.summary ?? '?')).toBe(0);
    expect(ev?.fixes.length).toBeGreaterThan(0);
  });

  it('heads an event with the code as its family writes it: an event id in decimal, as Event Viewer shows it', () => {
    const title = (text: string) => explainText(text).events[0]?.title;
    expect(title('Event ID 1026')).toBe('Event ID 1026');
    expect(title('TerminalServices-RDPClient event 1026')).toBe('event 1026');
    expect(title('Error code: 0x904')).toBe('Error code 0x904');
  });

  it('a code followed by its own name is one occurrence, as RDP Doctor and many logs write it', () => {
    const one = explainText('Error code 0x904 (disconnectReasonAtClientWinsockFDCLOSE)');
    expect(one.detections).toHaveLength(1);
    expect(one.events.map((e) => [e.title, e.count])).toEqual([['Error code 0x904', 1]]);
    const pair = explainText(
      'Error code: 0x904 (disconnectReasonAtClientWinsockFDCLOSE)\nExtended error code: 0x7 (exDiscReasonServerDeniedConnection)',
    );
    expect(pair.events.map((e) => [e.title, e.count])).toEqual([['Error code 0x904 + Extended error code 0x7', 1]]);
    expect(pair.detections[0]?.pairedWith).toBe(1);
    // Written twice apart, it happened twice.
    expect(explainText('Error code 0x904. Later: Error code 0x904').events[0]?.count).toBe(2);
  });

  it('a name that carries its label is not labelled twice', () => {
    expect(explainText('RD Gateway error 23003').events[0]?.title).toBe('RD Gateway error 23003');
  });

  it('counts repeats instead of listing them', () => {
    const line =
      '[ERROR][com.freerdp.core] - freerdp_set_last_error ERRCONNECT_CONNECT_TRANSPORT_FAILED [0x0002000D]\n';
    const { detections, events } = explainText(line.repeat(5));
    expect(detections).toHaveLength(5);
    expect(events.map((e) => e.count)).toEqual([5]);
  });

  it('folds a message into the code that says the same', () => {
    const { events } = explainText(
      'Remote Desktop can\'t find the computer "srv". This might mean that "srv" does not belong to the specified network.\nError code: 0x104',
    );
    expect(events.map((e) => [e.title, e.count])).toEqual([['Error code 0x104', 1]]);
  });

  it('shows unknown codes as "not in the catalogue" with their hex, never hides them', () => {
    const { detections, events } = explainText(
      'Remote Desktop Connection\nError code: 0x1234\nExtended error code: 0x0',
    );
    expect(detections[0]?.summary).toMatch(/0x1234 \(decimal 4660\).* not in the catalogue/);
    expect(events[0]?.hasUnknown).toBe(true);
  });

  it('marks normal outcomes as not errors', () => {
    const { events } = explainText('[com.freerdp.core] - rdp_set_error_info: ERRINFO_LOGOFF_BY_USER [0x0001000C]');
    expect(events[0]?.notAnError).toBe(true);
  });
});

describe('HRESULT-wrapped Win32 errors', () => {
  it('reads 0x8007xxxx as an HRESULT and says which Windows error it wraps when not catalogued', () => {
    const { detections } = explainText(
      'Remote Desktop Connection: An authentication error has occurred (Code: 0x80070005).',
    );
    expect(detections.map((d) => [d.namespace, d.hex])).toEqual([['hresult', '0x80070005']]);
    expect(detections[0]?.summary).toContain('Windows error 5');
  });
});
