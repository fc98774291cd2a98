import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  azCliCommand,
  correlationQuery,
  KqlValueError,
  kqlString,
  normalizeWorkspaceResourceId,
  oneLineKql,
  portalLogsLink,
  scopeQuery,
  shellQuote,
  WORKSPACE_PLACEHOLDER,
} from './kql.js';
import { checkKql, tokenize } from './kql-grammar.testkit.js';

const here = dirname(fileURLToPath(import.meta.url));
const ID = '7de2ad3f-5d6c-46d2-89aa-a40eb1900000';
const TS = '2024-05-06T10:11:12.345Z';

/** Golden files: reviewed by hand against the documented table schemas; `UPDATE_GOLDEN=1` rewrites them. */
function golden(name: string, actual: string) {
  const file = join(here, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${actual}\n`);
  expect(actual).toBe(readFileSync(file, 'utf8').replace(/\n$/, ''));
}

describe('KQL for an Activity ID', () => {
  it('reads every documented table of the connection, filtered on the CorrelationId and a window around the dialog time', () => {
    const q = correlationQuery({ activityId: `{${ID.toUpperCase()}}`, timestampIso: TS });
    const c = checkKql(q);
    expect(c.errors).toEqual([]);
    expect(c.tables.sort()).toEqual(['WVDCheckpoints', 'WVDConnections', 'WVDErrors']);
    expect(c.strings).toContain(ID);
    expect(c.datetimes).toEqual(['2024-05-05T10:11:12.345Z', '2024-05-06T12:11:12.345Z']);
    expect(q).toMatch(/\| where CorrelationId =~ activityId/);
    golden('correlation.kql', q);
  });

  it('without a timestamp bounds the scan to the retention most workspaces keep and still filters on the id', () => {
    const q = correlationQuery({ activityId: ID });
    expect(checkKql(q).errors).toEqual([]);
    expect(q).toContain('| where TimeGenerated > ago(30d)');
    expect(q).toContain(`let activityId = "${ID}";`);
  });

  it('asks, for the same host pool over 24 hours, how many users had each error and whether this user is one of them', () => {
    const q = scopeQuery({ activityId: ID, timestampIso: TS });
    const c = checkKql(q);
    expect(c.errors).toEqual([]);
    expect(c.datetimes).toContain('2024-05-05T12:11:12.345Z');
    expect(c.datetimes).toContain('2024-05-06T12:11:12.345Z');
    expect(q).toMatch(/Users = dcount\(UserName\)/);
    expect(q).toMatch(/_ResourceId =~ pool/);
    golden('scope.kql', q);
    const named = scopeQuery({ activityId: ID, userName: 'anna@contoso.com' });
    expect(checkKql(named).errors).toEqual([]);
    expect(named).toContain('let user = "anna@contoso.com";');
    expect(named).toContain('ago(24h)');
  });

  it('the grammar check catches what a broken query would look like (it can fail)', () => {
    expect(checkKql('WVDErrors | where Bogus == 1').errors).toContain('unknown name Bogus');
    expect(checkKql('WVDErrors | frobnicate').errors.length).toBeGreaterThan(0);
    expect(checkKql('WVDErrors | where UserName == "x').errors[0]).toMatch(/unterminated/);
    expect(checkKql('WVDErrors | where (UserName == "x"').errors).toContain('unclosed bracket');
    expect(checkKql('WVDErrors | extend X = column_ifexists("Nope", "")').errors[0]).toMatch(/undocumented/);
  });
});

describe('values in a query are escaped, never pasted', () => {
  it.each([
    ["O'Brien", "O'Brien"],
    ['a"b', 'a"b'],
    ['back\\slash\\', 'back\\slash\\'],
    ['" | take 1 //', '" | take 1 //'],
    ['ünïcødé@contoso.com', 'ünïcødé@contoso.com'],
  ])('user name %j stays one string literal', (value, expected) => {
    const toks = tokenize(`WVDErrors | where UserName == ${kqlString(value)}`);
    expect(toks.filter((t) => t.t === 'str').map((t) => t.v)).toEqual([expected]);
    expect(toks.at(-1)).toEqual({ t: 'str', v: expected });
  });

  it('refuses control characters in a value and anything but a GUID as Activity ID', () => {
    expect(() => kqlString('a\nb')).toThrow(KqlValueError);
    expect(() => correlationQuery({ activityId: `${ID}" | take 1` })).toThrow(/not a GUID/);
    expect(() => correlationQuery({ activityId: ID, timestampIso: 'yesterday' })).toThrow(KqlValueError);
    expect(() => scopeQuery({ activityId: ID, userName: 'x\u2028y' })).toThrow(KqlValueError);
  });
});

describe('Azure CLI form and portal link', () => {
  it('quotes the query for a POSIX shell so it arrives unchanged', () => {
    const q = scopeQuery({ activityId: ID, userName: "O'Brien" });
    const cmd = azCliCommand(q, '11111111-2222-3333-4444-555555555555');
    expect(
      cmd.startsWith(
        "az monitor log-analytics query --workspace 11111111-2222-3333-4444-555555555555 --analytics-query '",
      ),
    ).toBe(true);
    // Undo the quoting the way sh does: '…' literal, '\'' a quote.
    const quoted = cmd.slice(cmd.indexOf('--analytics-query ') + 18);
    const unquoted = quoted.replace(/^'|'$/g, '').split(`'\\''`).join("'");
    expect(unquoted).toBe(oneLineKql(q));
    expect(cmd).not.toContain('\n');
    // The one-line form is the same query: same tokens, comments aside.
    const strip = (k: string) => tokenize(k).map((t) => `${t.t}:${t.v}`);
    expect(strip(unquoted)).toEqual(strip(q));
    expect(checkKql(unquoted).errors).toEqual([]);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('leaves a visible placeholder without a workspace and refuses a workspace id that is not a GUID', () => {
    expect(azCliCommand('WVDErrors')).toContain(`--workspace ${WORKSPACE_PLACEHOLDER} `);
    expect(() => azCliCommand('WVDErrors', 'my-workspace; rm -rf /')).toThrow(KqlValueError);
  });

  it('links the portal only from a well-formed workspace resource id', () => {
    const rid =
      '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-avd/providers/Microsoft.OperationalInsights/workspaces/law-avd';
    const url = portalLogsLink('WVDErrors | take 1', rid);
    expect(url).toBe(
      `https://portal.azure.com/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade/resourceId/${encodeURIComponent(rid)}/source/LogsBlade.AnalyticsShareLinkToQuery/query/WVDErrors%20%7C%20take%201`,
    );
    expect(normalizeWorkspaceResourceId(`${rid}/`)).toBe(rid);
    expect(portalLogsLink('x', 'javascript:alert(1)')).toBeNull();
    expect(portalLogsLink('x', `${rid}/../../x`)).toBeNull();
  });
});
