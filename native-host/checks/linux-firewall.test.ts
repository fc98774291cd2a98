/**
 * Linux firewall rules, from real `nft -j list ruleset` / `iptables-save` output recorded in a
 * private network namespace (test/fixtures/local/linux/firewall/, with the .nft sources).
 */
import { describe, expect, it } from 'vitest';
import { fakeCtx, fx } from '../../test/fixtures/local/fixtures.js';
import type { Recording } from '../exec/exec.js';
import { firewallCheck } from './firewall.js';
import { assessRuleset, parseIptablesSave, parseNftRuleset, readLinuxFirewall } from './linux-firewall.js';

const D = 'linux/firewall/';
const nft = (file: string) => assessRuleset(parseNftRuleset(JSON.parse(fx(`${D}${file}`)), 3389)!, 3389);
const ipt = (file: string, port = 3389) => assessRuleset(parseIptablesSave(fx(`${D}${file}`), port)!, port);
const signal = new AbortController().signal;

describe('Linux firewall rules', () => {
  it.each([
    ['nft-drop-policy-allow-3389.stdout.json', 'allows'],
    ['nft-drop-policy-no-rule.stdout.json', 'blocks'],
    ['nft-explicit-drop.stdout.json', 'blocks'],
    ['nft-empty.stdout.json', 'no-filter'],
  ])('nftables %s → %s', (file, state) => {
    expect(nft(file).state).toBe(state);
  });
  it('names the deciding rule or policy', () => {
    expect(nft('nft-drop-policy-no-rule.stdout.json').detail).toContain('policy drop of chain inet/filter/input');
    expect(nft('nft-explicit-drop.stdout.json').detail).toContain('"drop"');
  });
  it('iptables: follows jumps into user chains (ufw) and multiport lists', () => {
    expect(ipt('iptables-save-ufw-allow.stdout.txt').state).toBe('allows');
    expect(ipt('iptables-save-ufw-allow.stdout.txt', 5900).state).toBe('blocks');
    expect(ipt('iptables-save-drop-no-rule.stdout.txt').state).toBe('blocks');
    expect(ipt('iptables-save-drop-no-rule.stdout.txt', 443).state).toBe('allows');
  });
  it('a conditional accept before a drop makes the verdict unclear, not blocked', () => {
    const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n';
    expect(assessRuleset(parseIptablesSave(text, 3389)!, 3389).state).toBe('unclear');
  });
  it('without root or without the tools: "not checked", with the reason and no raw error text', async () => {
    const recs: Recording[] = [
      {
        command: 'nft',
        args: ['-j', 'list', 'ruleset'],
        stderr: 'Operation not permitted (you must be root)',
        exitCode: 1,
      },
      {
        command: 'iptables-save',
        args: [],
        stderr: 'iptables-save v1.8.9 (nf_tables): Could not fetch rule set',
        exitCode: 1,
      },
    ];
    const r = await readLinuxFirewall(fakeCtx('linux', recs).exec, 3389, signal);
    expect(r).toEqual({
      kind: 'not-checked',
      reason:
        'nft exited with status 1 (reading the rules needs root); iptables-save exited with status 1 (reading the rules needs root)',
    });
    const none = await readLinuxFirewall(fakeCtx('linux', []).exec, 3389, signal);
    expect(none).toMatchObject({ kind: 'not-checked', reason: 'nft is not installed; iptables-save is not installed' });
  });
  it('the check: a listener with blocking rules fails; a listener without readable rules is not a pass', async () => {
    const ss: Recording = { command: 'ss', args: ['-ltn'], stdout: fx('linux/ss-ltn-rdp-listening.stdout.txt') };
    const blocked = await firewallCheck.run(
      { timeoutMs: 5000 },
      fakeCtx('linux', [
        ss,
        { command: 'nft', args: ['-j', 'list', 'ruleset'], stdout: fx(`${D}nft-explicit-drop.stdout.json`) },
      ]),
    );
    expect(blocked.status).toBe('fail');
    expect(blocked.findings.map((f) => f.id)).toContain('firewall-blocks-rdp');
    const open = await firewallCheck.run(
      { timeoutMs: 5000 },
      fakeCtx('linux', [
        ss,
        { command: 'nft', args: ['-j', 'list', 'ruleset'], stdout: fx(`${D}nft-drop-policy-allow-3389.stdout.json`) },
      ]),
    );
    expect(open.status).toBe('pass');
    expect(open.summary).toContain('the firewall allows it');
    const unknown = await firewallCheck.run({ timeoutMs: 5000 }, fakeCtx('linux', [ss]));
    expect(unknown.status).toBe('skipped');
    expect(unknown.summary).toContain('not checked (nft is not installed; iptables-save is not installed)');
  });
});
