/**
 * The examples from every client: Entra, RD Gateway, Windows App, AVD Log Analytics, Windows 365,
 * code-less mstsc texts, the Azure portal, FreeRDP, Guacamole, Remmina, xrdp. Each is found in the right
 * family, resolves to a catalogue meaning, and messages from other clients map to the same entry (and
 * so the same causes and fixes) as the code with the same meaning.
 */
import { describe, expect, it } from 'vitest';
import { lookup, lookupByName } from '../catalog/index.js';
import { diagnoseText } from '../diagnose/index.js';
import { explainText } from '../explain/events.js';
import { detect } from './index.js';

const first = (text: string, assumeRdp = true) => {
  const d = explainText(text, { assumeRdp }).detections[0];
  return d ? { namespace: d.namespace, name: d.entry.name, code: d.code, unknown: 'unknown' in d.entry } : null;
};

describe("every client's words", () => {
  it.each([
    ['AADSTS293004: The target-device identifier in the request was not found in the tenant.', 'entra', 'AADSTS293004'],
    ['Remote Desktop sign-in: AADSTS50076: you must use multi-factor authentication', 'entra', 'AADSTS50076'],
    ['Remote Desktop: AADSTS50105: The signed in user is not assigned to a role', 'entra', 'AADSTS50105'],
    [
      'Remote Desktop: AADSTS50126: Error validating credentials due to invalid username or password.',
      'entra',
      'AADSTS50126',
    ],
    ['Windows App: AADSTS53003: Access has been blocked by Conditional Access policies.', 'entra', 'AADSTS53003'],
    [
      "Remote Desktop: 1) Your user account is not listed in the RD Gateway's permission list",
      'hresult',
      'E_PROXY_RAP_ACCESSDENIED',
    ],
    ['RD Gateway: The following error occurred: "23003".', 'gateway', 'RD Gateway error 23003'],
    ['Source: Microsoft-Windows-TerminalServices-Gateway Event ID: 201', 'event-id', 'TerminalServices-Gateway 201'],
    ['hr=-2146893022', 'hresult', 'SEC_E_WRONG_PRINCIPAL'],
    ['HRESULT: -2146893022', 'hresult', 'SEC_E_WRONG_PRINCIPAL'],
    ['mRemoteNG: error -2147467259', 'hresult', 'E_FAIL'],
    ['Remote Desktop Connection: Your credentials did not work', 'message', 'Your credentials did not work'],
    [
      "This computer can't connect to the remote computer.",
      'message',
      "This computer can't connect to the remote computer",
    ],
    [
      'Remote Desktop: An unexpected server authentication certificate was received from the remote PC.',
      'avd',
      'UnexpectedServerAuthenticationCertificate',
    ],
    [
      '[ERROR][com.freerdp.core] - ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER (0x0000000B)',
      'extended-reason',
      'exDiscReasonRpcInitiatedDisconnectByUser',
    ],
    [
      'RDP ClientActiveX has been disconnected (Reason= 2308)',
      'disconnect-reason',
      'disconnectReasonAtClientWinsockFDCLOSE',
    ],
    [
      'Port prerequisite not met. Add an inbound network security group rule with destination port 3389.',
      'message',
      'Port prerequisite not met',
    ],
    ['Remote Desktop\nError code: 0x3000046\nExtended error code: 0x0', 'avd', 'AvdNoAvailableResources'],
    [
      'Remote Desktop\nError code: 0x5000007\nExtended error code: 0x0',
      'avd',
      'UnexpectedServerAuthenticationCertificate',
    ],
    [
      'WVDErrors | CodeSymbolic: ConnectionFailedNoHealthyRdshAvailable',
      'avd',
      'ConnectionFailedNoHealthyRdshAvailable',
    ],
    ['Azure Virtual Desktop: ConnectionFailedUserHasNoValidLicense', 'avd', 'ConnectionFailedUserHasNoValidLicense'],
    [
      'Azure Virtual Desktop: ConnectionFailedClientDisconnect (-2147467259)',
      'avd',
      'ConnectionFailedClientDisconnect',
    ],
    [
      'Windows 365 health check failed: "errorType": "endpointConnectivityCheckWVDUrlNotAllowListed"',
      'avd',
      'endpointConnectivityCheckWVDUrlNotAllowListed',
    ],
    [
      'guacd[1109]: RDP server closed/refused connection: Server refused connection (wrong security type?)',
      'freerdp',
      'ERRCONNECT_CONNECT_TRANSPORT_FAILED',
    ],
    [
      'xrdp[2296]: [ERROR] Cannot read private key file /etc/xrdp/key.pem: Permission denied',
      'event-id',
      'Schannel 36870',
    ],
    [
      'Remmina: Could not connect to the RDP server "srv" via TLS. Check that client and server support a common TLS version.',
      'freerdp',
      'ERRCONNECT_TLS_CONNECT_FAILED',
    ],
  ])('%s', (text, namespace, name) => {
    expect(first(text)).toMatchObject({ namespace, name, unknown: false });
  });

  it('reads an Entra code only with Remote Desktop words near it on a page', () => {
    expect(
      detect('AADSTS53003: Access has been blocked by Conditional Access policies. at com.microsoft.aad.msal4j'),
    ).toEqual([]);
    // github.com/microsoft/azuredatastudio/issues/24419: an Entra code in another product's report.
    expect(
      detect('Not able to login to azure account getting ERROR CODE : AADSTS700082\nAzure Data Studio version: 1.45.1'),
    ).toEqual([]);
    expect(detect('Remote Desktop sign-in failed: AADSTS53003').map((d) => d.name)).toEqual(['AADSTS53003']);
    expect(detect('Remote Desktop sign-in failed: AADSTS53003')[0]?.hex).toBeNull();
  });

  it('shows an Entra code it does not know as not in the catalogue', () => {
    expect(first('Remote Desktop sign-in failed: AADSTS9999999')).toMatchObject({ namespace: 'entra', unknown: true });
  });

  it("maps another client's message to the Microsoft or FreeRDP entry with the same meaning (same causes and fixes)", () => {
    const pairs: [string, string][] = [
      ['guacd: SSL/TLS connection failed (untrusted/self-signed certificate?)', 'ERRCONNECT_TLS_CONNECT_FAILED'],
      ['guacd: DNS lookup failed (incorrect hostname?)', 'ERRCONNECT_DNS_NAME_NOT_FOUND'],
      ['guacd: Authentication failure (invalid credentials?)', 'ERRCONNECT_AUTHENTICATION_FAILED'],
      ['guacd: RDP server closed/refused connection: Idle session time limit exceeded.', 'ERRINFO_IDLE_TIMEOUT'],
      ['Remmina: Could not find the address for the RDP server "srv".', 'ERRCONNECT_DNS_NAME_NOT_FOUND'],
    ];
    for (const [text, name] of pairs) {
      const d = explainText(text, { assumeRdp: true }).detections[0];
      const twin = lookupByName(name)[0];
      expect(d?.entry, text).toBe(twin);
      expect(d?.entry.causes.length).toBeGreaterThan(0);
    }
    // The mstsc dialog without a code and the Mac/Windows App code are one meaning.
    const mac = explainText('Remote Desktop: an unexpected server authentication certificate was received', {
      assumeRdp: true,
    }).detections[0];
    expect(mac?.entry).toBe(lookup('avd', 0x5000007));
  });

  it('finds the RD Gateway reason inside the full mstsc dialog', () => {
    const dialog =
      'Remote Desktop can\'t connect to the remote computer "10.0.0.4" for one of these reasons:\n1) Your user account is not listed in the RD Gateway\'s permission list\n2) You might have specified the remote computer in NetBIOS format';
    const names = explainText(dialog).detections.map((d) => d.entry.name);
    expect(names).toContain('E_PROXY_RAP_ACCESSDENIED');
  });

  it('reads RD Gateway event texts without their event ID', () => {
    const text =
      'The user "CONTOSO\\bob", on client computer "10.0.0.5", did not meet resource authorization policy requirements and was therefore not authorized to resource "srv1". The following error occurred: "23002".';
    const ds = explainText(text, { assumeRdp: true }).detections;
    expect(ds.map((d) => `${d.namespace}:${d.code}`)).toEqual(['event-id:301', 'gateway:23002']);
  });

  it('shows AADSTS codes and RD Gateway numbers in their own form, never as hex', () => {
    const entra = diagnoseText('Remote Desktop: AADSTS293004');
    expect(entra.detections[0]?.hex).toBe('AADSTS293004');
    expect(JSON.stringify(entra.fixes.map((f) => f.why))).not.toContain('0x4788C');
    const gateway = diagnoseText('RD Gateway: The following error occurred: "23003".');
    expect(gateway.detections[0]?.hex).toBe('23003');
  });
});
