import { describe, expect, it } from 'vitest';
import { lookup } from '../catalog/index.js';
import { diagnose } from '../diagnose/index.js';
import { explainText } from '../explain/events.js';
import { textFactIds, textFacts, textFactsResult } from './facts.js';

describe('facts stated by the text', () => {
  it.each([
    ['[ERROR][com.freerdp.crypto] - certificate verification failed: certificate has expired', 'cert-expired'],
    [
      'x509: certificate has expired or is not yet valid: current time 2024-05-01T10:00:00Z is after 2024-04-30T00:00:00Z',
      'cert-expired',
    ],
    [
      'x509: certificate has expired or is not yet valid: current time 2024-05-01T10:00:00Z is before 2024-06-01T00:00:00Z',
      'cert-not-yet-valid',
    ],
    ["Certificate verification failure 'self signed certificate (18)' at stack position 0", 'cert-self-signed'],
    [
      'The hostname used for this connection (srv) does not match the names given in the certificate:',
      'cert-name-mismatch',
    ],
    ['getaddrinfo (Name or service not known)', 'dns-failed'],
    ['connect to 10.0.0.4:3389 failed: Connection refused', 'port-refused'],
    ['No connection could be made because the target machine actively refused it', 'port-refused'],
    ['freerdp_tcp_connect: connect failed: Connection timed out', 'port-timeout'],
    ['No route to host', 'host-unreachable'],
    ['SSL_connect: sslv3 alert handshake failure', 'tls-handshake-failed'],
    ['KDC has no support for encryption type / Clock skew too great', 'clock-skew'],
  ])('%s', (text, id) => {
    expect(textFactIds(text)).toEqual([id]);
  });

  it('marks facts as read from the text, with the phrase and its place', () => {
    const text = 'xfreerdp: certificate verification failed: certificate has expired';
    const [f] = textFacts(text);
    expect(f).toEqual({ id: 'cert-expired', from: 'text', span: [43, 66], quote: 'certificate has expired' });
    expect(text.slice(...(f?.span ?? [0, 0]))).toBe('certificate has expired');
  });

  it('does not read a guess, an ambiguous sentence or a negation as a fact', () => {
    expect(textFacts('SSL/TLS connection failed (untrusted/self-signed certificate?)')).toEqual([]);
    expect(textFacts('The certificate has expired or is not yet valid.')).toEqual([]);
    expect(textFacts('The certificate has not expired.')).toEqual([]);
    expect(textFacts('Error code: 0x904 Extended error code: 0x7')).toEqual([]);
  });

  it("reads nothing from long runs of the phrases' first words (the regex has no repeated groups to backtrack)", () => {
    const text = `${'certificate '.repeat(20000)}${'connection  '.repeat(20000)}`;
    expect(textFacts(text)).toEqual([]);
  });

  it('gives the diagnosis the fact as a typed finding: the expired certificate leads ERRCONNECT_TLS_CONNECT_FAILED', () => {
    const text =
      '[ERROR][com.freerdp.crypto] - certificate verification failed: certificate has expired\n' +
      '[ERROR][com.freerdp.core] - transport_connect_tls:freerdp_set_last_error_ex ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]';
    const detections = explainText(text, { assumeRdp: true }).detections;
    const fromText = textFactsResult(text);
    expect(fromText).toMatchObject({ checkId: 'text', findings: [{ id: 'cert-expired' }] });
    const withFacts = diagnose({ detections, text, lookup, checkResults: fromText ? [fromText] : [] });
    expect(withFacts.causes[0]?.id).toBe('cert-expired');
    expect(withFacts.fixes[0]?.id).toBe('regenerate-rdp-certificate');
    expect(textFactsResult('Error code: 0x904')).toBeNull();
  });
});
