import { describe, expect, it } from 'vitest';
import { FIX_IDS } from './ids.js';
import { FIXES, getFix } from './library.js';

const WHERE = ['client', 'server', 'azure-portal', 'domain-policy', 'network', 'gateway', 'broker'];
const SHELLS = ['powershell', 'cmd', 'bash', 'azure-cli'];

describe('fix library', () => {
  it('has exactly one entry for every fix id (an id appended to ids.ts without an entry fails here)', () => {
    const missing = FIX_IDS.filter((id) => !getFix(id));
    expect(missing).toEqual([]);
    const ids = FIXES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !(FIX_IDS as readonly string[]).includes(id))).toEqual([]);
  });

  it.each(FIXES.map((f) => [f.id, f] as const))('%s is complete and cites a source', (_id, fix) => {
    expect(fix.title.length).toBeGreaterThan(10);
    expect(fix.appliesWhen.length).toBeGreaterThan(20);
    expect(WHERE).toContain(fix.where);
    expect(['low', 'medium', 'high']).toContain(fix.risk);
    expect(fix.steps.length).toBeGreaterThanOrEqual(2);
    for (const s of fix.steps) expect(s.trim().length).toBeGreaterThan(10);
    expect(fix.source).toMatch(/learn\.microsoft\.com|MS-[A-Z]+|\[MS-/);
    for (const c of fix.commands) {
      expect(SHELLS).toContain(c.shell);
      expect(c.command.trim()).toBe(c.command);
      expect(c.command).not.toMatch(/\n/);
      if (c.shell === 'azure-cli') expect(c.command.startsWith('az ')).toBe(true);
    }
  });

  it('keeps Windows paths intact in commands (no lost backslashes)', () => {
    const all = FIXES.flatMap((f) => f.commands.map((c) => c.command)).join('\n');
    expect(all).not.toMatch(/HKLMSYSTEM|HKLMSOFTWARE|ProgramDataMicrosoft/);
    expect(all).toContain(String.raw`HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp`);
  });

  it('carries the exact commands people expect for the seed remedies', () => {
    const cmd = (id: string) => (getFix(id)?.commands ?? []).map((c) => c.command).join('\n');
    expect(cmd('regenerate-rdp-certificate')).toContain('--command-id ResetRDPCert');
    expect(cmd('regenerate-rdp-certificate')).toContain('certutil -store "Remote Desktop"');
    expect(cmd('reset-rdp-configuration-azure')).toContain('--command-id RDPSettings');
    expect(getFix('reset-rdp-configuration-azure')?.steps.join(' ')).toContain('Reset configuration only');
    expect(cmd('set-credssp-oracle-policy')).toContain('AllowEncryptionOracle /t REG_DWORD /d 2');
    expect(cmd('repair-machinekeys-permissions')).toContain('MachineKeys');
    expect(getFix('force-rdp-security-layer')?.steps.join(' ')).toContain('gpedit.msc');
    expect(cmd('restart-remote-desktop-services')).toContain('Restart-Service -Name TermService');
    const steps = (id: string) => getFix(id)?.steps.join(' ') ?? '';
    expect(steps('regenerate-rdp-certificate')).toMatch(/exact name.*Expiration Date/);
    expect(steps('restart-remote-desktop-services')).toContain('services.msc');
    expect(steps('force-rdp-security-layer')).toContain(
      'Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Security',
    );
    expect(steps('adjust-nla-setting')).toMatch(/Network Level Authentication/);
    expect(getFix('allow-rdp-through-security-software')?.appliesWhen).toContain('Bitdefender');
    expect(steps('update-rdp-client')).toContain('Microsoft Store');
  });

  it('marks risky changes as such and says how to undo them', () => {
    for (const id of ['adjust-nla-setting', 'set-credssp-oracle-policy']) {
      const f = getFix(id)!;
      expect(f.risk).toBe('high');
      expect(f.reversible).toBe(true);
    }
  });
});
