/**
 * Every repro of the "diagnosis you can trust" report, as a test: recorded probe results of the live
 * loopback servers (test/fixtures/scenarios/probes) with the texts people paste.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainText } from '../explain/events.js';
import type { CheckResult } from '../protocol/results.js';
import { diagnoseText, fixesForEvent, toMarkdown } from './index.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/scenarios/probes');
const probe = (name: string) => JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as CheckResult[];
const stateOf = (d: ReturnType<typeof diagnoseText>, id: string) => d.causes.find((c) => c.id === id)?.state;
const top3 = (d: ReturnType<typeof diagnoseText>) => d.fixes.slice(0, 3).map((f) => f.id);
const CERT_CAUSES = ['cert-expired', 'cert-not-yet-valid', 'cert-untrusted', 'cert-name-mismatch', 'cert-weak'];

describe('repros', () => {
  it('0x204 + a closed port: one fact ("refused") confirms no cause; the three it fits are consistent', () => {
    const d = diagnoseText('Error code: 0x204', probe('closed'));
    expect(d.causes.filter((c) => c.state === 'confirmed')).toEqual([]);
    for (const c of ['rdp-disabled', 'port-closed', 'rds-service-down']) expect(stateOf(d, c)).toBe('consistent');
    expect(d.verdict.text).toMatch(/refuses connections on the RDP port/);
  });

  it('0x904 + 0x7 + a server that accepts TCP and never answers: the stuck listener leads, no antivirus, no certificate verdict', () => {
    const d = diagnoseText('Error code: 0x904 Extended error code: 0x7', probe('silent'));
    expect(d.causes.filter((c) => c.state === 'confirmed')).toEqual([]);
    expect(d.causes.find((c) => !c.ruledOut)?.id).toBe('rds-service-down');
    expect(d.fixes[0]?.id).toBe('restart-remote-desktop-services');
    expect(stateOf(d, 'security-software-interference')).not.toBe('confirmed');
    expect(top3(d)).not.toContain('allow-rdp-through-security-software');
    for (const c of CERT_CAUSES) expect(stateOf(d, c) ?? 'not-checked', c).toBe('not-checked');
    expect(d.verdict.text).toMatch(/nothing answers the RDP negotiation/);
  });

  it('0x907 + a certificate for another name: the mismatch is confirmed and comes before wrong credentials', () => {
    const d = diagnoseText('Error code: 0x907 Extended error code: 0x0', probe('xrdp-negotiate-wrongname'));
    expect(stateOf(d, 'cert-name-mismatch')).toBe('confirmed');
    expect(d.causes[0]?.id).toBe('cert-name-mismatch');
    expect(d.fixes[0]?.id).toBe('connect-by-certificate-name');
    expect(d.verdict.text).toMatch(/issued to "wrong-host\.example"/);
  });

  it('no Azure in the case: the Azure reset never reaches the top three; with an Azure host it does', () => {
    const closed = diagnoseText('Error code: 0x204', probe('closed'));
    expect(closed.fixes.map((f) => f.id)).not.toContain('reset-rdp-configuration-azure');
    expect(closed.otherFixes.find((f) => f.id === 'reset-rdp-configuration-azure')?.why).toMatch(
      /Only for an Azure virtual machine/,
    );
    // The recorded timeout is from vm-prod-01.westeurope.cloudapp.azure.com: an Azure VM by its name.
    const azure = diagnoseText('Error code: 0x204', probe('constructed-port-timeout'));
    expect(azure.fixes.map((f) => f.id)).toContain('reset-rdp-configuration-azure');
  });

  it('NLA off is never offered for a standard-RDP-only server or a wrong password', () => {
    const rdpOnly = diagnoseText('Error code: 0x904 Extended error code: 0x7', probe('xrdp-rdp-valid'));
    const wrongPassword = diagnoseText(
      'Your credentials did not work. The logon attempt failed. Error code: 0x807 Extended error code: 0x0',
      probe('shadow-nla'),
    );
    for (const d of [rdpOnly, wrongPassword]) {
      expect([...d.fixes, ...d.otherFixes].map((f) => f.id)).not.toContain('adjust-nla-setting');
    }
    expect(rdpOnly.fixes.map((f) => f.id)).not.toContain('enable-nla-on-client');
    expect(wrongPassword.fixes[0]?.id).toBe('reenter-credentials');
  });

  it('after a DNS failure the name fixes come first, and nothing behind the name is in the list', () => {
    const d = diagnoseText('Error code: 0x204', probe('constructed-dns-failed'));
    expect(d.fixes.map((f) => f.id)).toEqual(['check-name-resolution', 'fix-client-options']);
    expect(d.otherFixes.find((f) => f.id === 'enable-remote-desktop')?.why).toMatch(
      /^Not yet: The name does not resolve/,
    );
    expect(d.verdict.text).toBe('The name rdsh01.corp.example does not resolve');
  });

  it('an unknown code says RDP Doctor does not know it, with hex, decimal, family and where to look; actor unknown', () => {
    for (const [text, hex, dec] of [
      ['Error code: 0x2F07', '0x2F07', '12039'],
      ['Windows App error. Error code: 0x5000099', '0x5000099', '83886233'],
    ] as const) {
      const ev = explainText(text, { assumeRdp: true }).events[0]!;
      expect(ev.actor).toBe('unknown');
      expect(ev.notAnError).toBe(false);
      expect(ev.summary).toContain(`RDP Doctor does not know this code: ${hex} (decimal ${dec})`);
      expect(ev.summary).toMatch(/not known to be harmless.*Where to look next: /);
    }
    const d = diagnoseText('Error code: 0x2F07');
    expect(d.verdict.text).toMatch(/does not know 0x2F07/);
  });

  it('a code-like value from another product with no RDP words near it is not reported', () => {
    expect(explainText('0xC0000005', { assumeRdp: true }).events).toEqual([]);
    expect(
      explainText('The app crashed with exception 0xC0000005 at address 0x7FF6', { assumeRdp: true }).events,
    ).toEqual([]);
  });

  it('one mstsc dialog is one event: "An internal error has occurred" + 0x4/0x0 is about the security layer', () => {
    const text =
      'Remote Desktop Connection\nAn internal error has occurred.\nError code: 0x4\nExtended error code: 0x0';
    const { events } = explainText(text, { assumeRdp: true });
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toMatch(/internal error/i);
    expect(events[0]!.causes).not.toContain('session-policy-limit');
    const d = diagnoseText(text);
    expect(d.causes.map((c) => c.id)).not.toContain('session-policy-limit');
    expect(d.causes[0]?.id).toBe('cert-unusable');
  });

  it('a 0x204 dialog is printed once', () => {
    const text =
      "Remote Desktop can't connect to the remote computer for one of these reasons:\n1) Remote access to the server is not enabled\n2) The remote computer is turned off\n3) The remote computer is not available on the network\nError code: 0x204\nExtended error code: 0x0";
    expect(explainText(text, { assumeRdp: true }).events).toHaveLength(1);
  });

  it('the per-event list and the overall list are one ranking; a "same cause" line is the same cause', () => {
    const text = 'Error code: 0x904 Extended error code: 0x7';
    const d = diagnoseText(text, probe('xrdp-negotiate-expired'));
    const ev = explainText(text, { assumeRdp: true }).events[0]!;
    const perEvent = fixesForEvent(d, ev).map((f) => f.id);
    const overall = d.fixes.map((f) => f.id).filter((id) => perEvent.includes(id));
    expect(perEvent).toEqual(overall);
    expect(perEvent[0]).toBe('regenerate-rdp-certificate');
    d.fixes.forEach((f, i) => {
      expect(f.why).toContain(d.causes.find((c) => c.id === f.serves)?.title ?? 'Also recommended');
      if (f.why.startsWith('Next step for the same cause'))
        expect(d.fixes.slice(0, i).some((e) => e.serves === f.serves)).toBe(true);
    });
  });

  it('the Markdown report carries every fix with its steps and commands', () => {
    const d = diagnoseText('Error code: 0x904 Extended error code: 0x7', probe('xrdp-negotiate-expired'));
    expect(d.fixes.length).toBeGreaterThan(3);
    const md = toMarkdown(d);
    expect(md.indexOf('**Verdict:** The server')).toBeLessThan(md.indexOf('## Codes found'));
    for (const f of [...d.fixes, ...d.otherFixes]) {
      for (const s of f.steps) expect(md, `${f.id} step`).toContain(s.slice(0, 30));
      for (const c of f.commands) expect(md, `${f.id} command`).toContain(c.command);
    }
  });
});
