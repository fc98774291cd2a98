import { describe, expect, it } from 'vitest';
import { fakeCtx, ps } from '../../test/fixtures/local/fixtures.js';
import { SERVICES_SCRIPT, termserviceCheck } from './termservice.js';

const D = 'windows/termservice/';
const run = (file: string) => termserviceCheck.run({ timeoutMs: 5000 }, fakeCtx('win32', [ps(SERVICES_SCRIPT, file)]));

describe('termservice', () => {
  it('all running', async () => {
    const r = await run(`${D}running.stdout.json`);
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([
      expect.objectContaining({ id: 'termservice-running', rulesOut: ['rds-service-down'] }),
    ]);
  });

  it('TermService stopped and SessionEnv disabled', async () => {
    const r = await run(`${D}stopped-sessionenv-disabled.stdout.json`);
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => f.id)).toEqual(['termservice-stopped', 'rdp-support-service-stopped']);
    expect(r.findings[0]?.supports).toEqual(['rds-service-down']);
    expect(r.findings[1]?.summary).toContain('Remote Desktop Configuration (SessionEnv) is disabled');
  });

  it('understands enum values printed as numbers', async () => {
    const r = await run(`${D}running-numeric-enums.stdout.json`);
    expect(r.status).toBe('pass');
    expect(r.evidence.services).toEqual([
      { name: 'TermService', displayName: 'Remote Desktop Services', status: 'Running', startType: 'Manual' },
    ]);
  });

  it('PowerShell missing: skipped, naming the command', async () => {
    const r = await termserviceCheck.run({ timeoutMs: 5000 }, fakeCtx('win32', []));
    expect(r.status).toBe('skipped');
    expect(r.reason).toMatch(/"powershell\.exe" was not found/);
  });
});
