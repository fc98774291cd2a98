/**
 * WVDErrors rows pasted back. The row values are written in the documented schema's columns (Azure
 * Monitor Logs reference: WVDErrors); the layouts follow what `az monitor log-analytics query` prints
 * (JSON, `-o table`), what the Logs API returns, and the portal's CSV export and grid copy.
 */
import { describe, expect, it } from 'vitest';
import { explainText } from '../explain/events.js';
import { getFix } from '../fixes/library.js';
import { analyzeAvd } from './index.js';
import { decideOwner, rankFixesByOwner } from './owner.js';
import { parseWvdErrorRows } from './wvd-rows.js';

const ID = '2f8a9c61-3d0e-4b7a-9a1e-5c6d7e8f9012';
const where = (id: string) => getFix(id)?.where;

function azJson(serviceError: boolean, source = 'RDBroker', code = 'ConnectionFailedNoHealthyRdshAvailable') {
  return JSON.stringify(
    [
      {
        TimeGenerated: '2025-07-19T03:14:34.9Z',
        CorrelationId: ID,
        UserName: 'anna@contoso.com',
        Source: source,
        Code: '-2146233088',
        CodeSymbolic: code,
        Message: 'Could not find any SessionHost available in specified pool.',
        Operation: 'Connection',
        ServiceError: serviceError ? 'True' : 'False',
        _ResourceId:
          '/subscriptions/11111111-2222-3333-4444-555555555555/resourcegroups/rg/providers/microsoft.desktopvirtualization/hostpools/hp1',
        TableName: 'PrimaryResult',
      },
    ],
    null,
    2,
  );
}

describe('reading pasted WVDErrors rows', () => {
  it('az … JSON output', () => {
    const r = parseWvdErrorRows(azJson(false));
    expect(r?.format).toBe('json');
    expect(r?.rows[0]).toMatchObject({
      correlationId: ID,
      serviceError: false,
      source: 'RDBroker',
      code: -2146233088,
      codeSymbolic: 'ConnectionFailedNoHealthyRdshAvailable',
      userName: 'anna@contoso.com',
    });
  });

  it('Logs API tables', () => {
    const api = {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'CorrelationId', type: 'string' },
            { name: 'ServiceError', type: 'bool' },
            { name: 'Source', type: 'string' },
            { name: 'CodeSymbolic', type: 'string' },
          ],
          rows: [[ID, true, 'RDGateway', 'ConnectionFailedClientDisconnect']],
        },
      ],
    };
    expect(parseWvdErrorRows(JSON.stringify(api))?.rows).toEqual([
      { correlationId: ID, serviceError: true, source: 'RDGateway', codeSymbolic: 'ConnectionFailedClientDisconnect' },
    ]);
  });

  it('portal CSV export (quoted fields with commas and quotes)', () => {
    const csv = `"TimeGenerated [UTC]",CorrelationId,Source,CodeSymbolic,Message,ServiceError\n"7/19/2025, 3:14:34.900 AM",${ID},RDStack,ConnectionFailedReverseConnectStackDNSLookupFailed,"Lookup failed, ""host"" not found",false\n`;
    const r = parseWvdErrorRows(csv);
    expect(r?.format).toBe('csv');
    expect(r?.rows[0]).toMatchObject({
      serviceError: false,
      source: 'RDStack',
      message: 'Lookup failed, "host" not found',
    });
  });

  it('portal grid copied with headers (tab-separated) after the dialog text', () => {
    const text = `Activity ID: ${ID}\n\nTimeGenerated\tCorrelationId\tSource\tCodeSymbolic\tServiceError\n2025-07-19T03:14:34.9Z\t${ID}\tRDBroker\tConnectionFailedNoHealthyRdshAvailable\tTrue\n`;
    expect(parseWvdErrorRows(text)?.rows).toEqual([
      {
        timeGenerated: '2025-07-19T03:14:34.9Z',
        correlationId: ID,
        source: 'RDBroker',
        codeSymbolic: 'ConnectionFailedNoHealthyRdshAvailable',
        serviceError: true,
      },
    ]);
  });

  it('az … -o table (space-aligned; an empty cell does not shift the others)', () => {
    const text = [
      'CodeSymbolic                            CorrelationId                         Message    ServiceError    Source',
      '--------------------------------------  ------------------------------------  ---------  --------------  --------',
      `ConnectionFailedNoHealthyRdshAvailable  ${ID}             False           RDBroker`,
    ].join('\n');
    expect(parseWvdErrorRows(text)?.rows).toEqual([
      {
        codeSymbolic: 'ConnectionFailedNoHealthyRdshAvailable',
        correlationId: ID,
        serviceError: false,
        source: 'RDBroker',
      },
    ]);
  });

  it('ignores text without such rows and rows of other tables', () => {
    expect(parseWvdErrorRows('Error code: 0x904')).toBeNull();
    expect(parseWvdErrorRows(JSON.stringify([{ CorrelationId: ID, State: 'Started' }]))).toBeNull();
    expect(parseWvdErrorRows('{"ServiceError": ')).toBeNull();
  });
});

describe('ServiceError decides who owns the fix', () => {
  const dialog = `${"We couldn't connect because there are currently no available resources."}\nError code: 0x3000046\nExtended error code: 0x0\nActivity ID: ${ID}\n\n`;

  it('ServiceError = true: Microsoft, a support case with the Activity ID first', () => {
    const text = dialog + azJson(true);
    const a = analyzeAvd(text, explainText(text, { assumeRdp: true }), {}, where).activities[0]!;
    expect(a.owner.owner).toBe('microsoft');
    expect(a.owner.basis).toBe('service-error');
    expect(a.owner.sentence).toMatch(/^Microsoft service — open a support case with this Activity ID \(2f8a9c61/);
    expect(a.ranking.supportCaseFirst).toBe(true);
    expect(a.supportCase?.join(' ')).toContain(ID);
    expect(a.scope.kql).toContain('let user = "anna@contoso.com";');
  });

  it('ServiceError = false: your host pool, broker-side fixes first and no support case', () => {
    const text = dialog + azJson(false);
    const ex = explainText(text, { assumeRdp: true });
    const a = analyzeAvd(text, ex, {}, where).activities[0]!;
    expect(a.owner.owner).toBe('customer');
    expect(a.owner.sentence).toMatch(/^Your host pool — an admin task fixes it, not Microsoft/);
    expect(a.owner.sentence).toContain('connection broker');
    expect(a.ranking.supportCaseFirst).toBe(false);
    expect(a.supportCase).toBeNull();
    expect(a.ranking.fixes.length).toBeGreaterThan(0);
    expect(where(a.ranking.fixes[0]!)).toBe('broker');
  });

  it('the same rows with the flag flipped flip the owner (nothing else differs)', () => {
    const owners = [true, false].map((se) => {
      const text = dialog + azJson(se);
      return analyzeAvd(text, explainText(text, { assumeRdp: true }), {}, where).activities[0]!.owner.owner;
    });
    expect(owners).toEqual(['microsoft', 'customer']);
  });

  it("a client-side Source says it is the user's end and puts client fixes first", () => {
    const v = decideOwner({
      activityId: ID,
      rows: [
        { correlationId: ID, serviceError: false, source: 'Client', codeSymbolic: 'ConnectionFailedClientDisconnect' },
      ],
    });
    expect(v.sentence).toMatch(/^Your side — the user's end/);
    const ranked = rankFixesByOwner(['check-avd-session-host', 'check-avd-network-transport'], v, where);
    expect(where(ranked.fixes[0]!)).not.toBe('broker');
  });

  it('rows of another Activity ID do not decide this one', () => {
    const v = decideOwner({
      activityId: ID,
      rows: [{ correlationId: 'aa2b3c4d-0000-4000-8000-0000000000bb', serviceError: true }],
    });
    expect(v.owner).toBe('unknown');
  });

  it('a symbolic code alone gives a likely owner from the catalogue, said as not confirmed, and changes no ranking', () => {
    const text = `ConnectionFailedNoHealthyRdshAvailable Activity ID: ${ID}`;
    const ex = explainText(text, { assumeRdp: true });
    const a = analyzeAvd(text, ex, {}, where).activities[0]!;
    expect(a.owner.basis).toBe('catalogue');
    expect(a.owner.sentence).toMatch(/not confirmed/);
    expect(a.ranking.fixes).toEqual(ex.events[a.event!]!.fixes);
  });

  it('rows pasted alone (no dialog) still give the Activity ID, its queries and the owner', () => {
    const { activities } = analyzeAvd(azJson(true), explainText(azJson(true), { assumeRdp: true }), {
      workspaceId: '11111111-2222-3333-4444-555555555555',
    });
    expect(activities).toHaveLength(1);
    expect(activities[0]!.activityId).toBe(ID);
    expect(activities[0]!.timestamp?.iso).toBe('2025-07-19T03:14:34.900Z');
    expect(activities[0]!.correlation.azCli).toContain('--workspace 11111111-2222-3333-4444-555555555555 ');
    expect(activities[0]!.owner.owner).toBe('microsoft');
  });
});
