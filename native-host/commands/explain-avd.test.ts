import { describe, expect, it } from 'vitest';
import { checkKql } from '../../shared/avd/kql-grammar.testkit.js';
import { explainCommand } from './explain.js';
import { runCommand } from './run-command.testkit.js';

const run = (argv: string[]) => runCommand(explainCommand, argv);

const ID = '2f8a9c61-3d0e-4b7a-9a1e-5c6d7e8f9012';
const WS = '11111111-2222-3333-4444-555555555555';
const DIALOG = `We couldn't connect because there are currently no available resources.\nError code: 0x3000046\nExtended error code: 0x0\nTimestamp (UTC): 2025-07-19T03:14:35.123Z\nActivity ID: ${ID}`;
const ROWS = (se: boolean) =>
  JSON.stringify([
    { CorrelationId: ID, ServiceError: se, Source: 'RDBroker', CodeSymbolic: 'ConnectionFailedNoHealthyRdshAvailable' },
  ]);

describe('rdp-doctor explain: Azure Virtual Desktop logs', () => {
  it('prints the Activity ID, its time and both queries with the Azure CLI form for the given workspace', async () => {
    const r = await run([DIALOG, '--workspace', WS]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Activity ID ${ID}  (labelled Activity ID, event`);
    expect(r.out).toContain('Time: 2025-07-19T03:14:35.123Z (UTC)');
    expect(r.out).toContain(`az monitor log-analytics query --workspace ${WS} --analytics-query '`);
    expect(r.out).toContain('datetime(2025-07-18T03:14:35.123Z) .. datetime(2025-07-19T05:14:35.123Z)');
    expect(r.out).not.toContain('WORKSPACE-ID');
    expect(r.out).toContain(
      `   Activity ID: ${ID}, time 2025-07-19T03:14:35.123Z (the service's CorrelationId: queries below)`,
    );
  });

  it('an Activity ID near Remote Desktop words is enough to answer (exit 0), even without a code', async () => {
    const r = await run([`Windows App cannot connect since this morning: ${ID}`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No Remote Desktop error code was found');
    expect(r.out).toContain(`Activity ID ${ID}  (a GUID next to Remote Desktop words)`);
    expect(r.out).toContain('--workspace WORKSPACE-ID');
  });

  it('pasted rows decide the owner: ServiceError = true → Microsoft, false → your host pool', async () => {
    const yes = await run([`${DIALOG}\n${ROWS(true)}`]);
    expect(yes.out).toContain('Who owns the fix: Microsoft service — open a support case with this Activity ID');
    expect(yes.out).toContain('Support case first:');
    const no = await run([`${DIALOG}\n${ROWS(false)}`]);
    expect(no.out).toContain('Who owns the fix: Your host pool — an admin task fixes it, not Microsoft');
    expect(no.out).toContain("Then, in the owner's order: Check the Azure Virtual Desktop session hosts");
  });

  it('--json carries the queries and the owner', async () => {
    const r = await run(['--json', `${DIALOG}\n${ROWS(true)}`]);
    const j = JSON.parse(r.out) as {
      avd: {
        activities: { activityId: string; owner: { owner: string }; queries: { correlation: { kql: string } } }[];
      };
    };
    const a = j.avd.activities[0]!;
    expect(a.activityId).toBe(ID);
    expect(a.owner.owner).toBe('microsoft');
    expect(checkKql(a.queries.correlation.kql).errors).toEqual([]);
  });

  it('--markdown adds a section with the queries in fenced blocks and escaped pasted values', async () => {
    const rows = JSON.stringify([
      { CorrelationId: ID, ServiceError: false, Source: '<img src=x>', CodeSymbolic: '[x](javascript:1)' },
    ]);
    const r = await run(['--markdown', `${DIALOG}\n${rows}`]);
    expect(r.out).toContain('## Azure Virtual Desktop logs');
    expect(r.out).toContain('```kusto\n');
    expect(r.out).not.toContain('<img');
    expect(r.out).not.toContain('](javascript');
  });

  it('refuses a workspace that is not a GUID (usage error)', async () => {
    const r = await run([DIALOG, '--workspace', 'law-avd; rm -rf ~']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--workspace needs the Log Analytics workspace id');
  });
});
