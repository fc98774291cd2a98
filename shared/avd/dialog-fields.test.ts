/**
 * Dialogs as people paste them. Reconstructed from the field order and label text users quote (Microsoft
 * Docs feedback issues #60645 / #60594 for the English Windows App / Remote Desktop client block; the
 * localized labels from Microsoft's UI terminology) — not captured from a running client.
 */
import { describe, expect, it } from 'vitest';
import { explainText } from '../explain/events.js';
import { findActivityFields } from './dialog-fields.js';
import { analyzeAvd } from './index.js';
import { parseDialogTimestamp } from './timestamp.js';

const ID = '2f8a9c61-3d0e-4b7a-9a1e-5c6d7e8f9012';
const NO_RESOURCES =
  "We couldn't connect because there are currently no available resources. Try again later or contact tech support for help if this keeps happening.";

const DIALOGS: [string, string, string | null][] = [
  [
    'Windows App (Windows)',
    `${NO_RESOURCES}\n\nError code: 0x3000046\nExtended error code: 0x0\nTimestamp (UTC): 2025-07-19T03:14:35.123Z\nActivity ID: ${ID}`,
    '2025-07-19T03:14:35.123Z',
  ],
  [
    'Remote Desktop client (MSRDC), braces and US short date',
    `Remote Desktop\n${NO_RESOURCES}\nError code: 0x3000046\nExtended error code: 0x0\nTimestamp (UTC): 07/19/25 03:14:35 AM\nActivity ID: {${ID.toUpperCase()}}`,
    '2025-07-19T03:14:35.000Z',
  ],
  [
    'MSRDC copied as one line',
    `${NO_RESOURCES} Error code: 0x3000046 Extended error code: 0x0 Timestamp (UTC): 2025-07-19T03:14:35Z Activity ID: ${ID}`,
    '2025-07-19T03:14:35.000Z',
  ],
  [
    'web client',
    `Oops, we couldn't connect to "SessionDesktop"\n${NO_RESOURCES}\nError code: 0x3000046\nExtended error code: 0x0\nActivity ID: ${ID}\nTimestamp: 7/19/2025, 3:14:35 AM`,
    '2025-07-19T03:14:35.000Z',
  ],
  [
    'Windows App for macOS',
    `Unable to connect\n${NO_RESOURCES}\nError code: 0x3000046\nExtended error code: 0x0\nTimestamp (UTC): 2025-07-19 03:14:35 +0000\nActivity ID: ${ID}`,
    '2025-07-19T03:14:35.000Z',
  ],
  [
    'iOS / Android (fields on one line with separators)',
    `${NO_RESOURCES} | Error code: 0x3000046 | Extended error code: 0x0 | Correlation ID: ${ID} | Timestamp (UTC): 2025-07-19T03:14:35.000Z`,
    '2025-07-19T03:14:35.000Z',
  ],
  [
    'German',
    `Fehlercode: 0x3000046\nErweiterter Fehlercode: 0x0\nZeitstempel (UTC): 19.07.2025 03:14:35\nAktivitäts-ID: ${ID}`,
    '2025-07-19T03:14:35.000Z',
  ],
  [
    'French',
    `Code d'erreur : 0x3000046\nCode d'erreur étendu : 0x0\nHorodatage (UTC) : 19/07/2025 03:14:35\nID d'activité : ${ID}`,
    '2025-07-19T03:14:35.000Z',
  ],
  [
    'Japanese',
    `エラー コード: 0x3000046\n拡張エラー コード: 0x0\nタイムスタンプ (UTC): 2025/07/19 3:14:35\nアクティビティ ID: ${ID}`,
    '2025-07-19T03:14:35.000Z',
  ],
  [
    'Simplified Chinese',
    `错误代码： 0x3000046\n扩展错误代码： 0x0\n时间戳(UTC)： 2025-07-19T03:14:35.000Z\n活动 ID： ${ID}`,
    '2025-07-19T03:14:35.000Z',
  ],
  [
    'Korean',
    `오류 코드: 0x3000046\n확장 오류 코드: 0x0\n타임스탬프(UTC): 2025-07-19T03:14:35.000Z\n활동 ID: ${ID}`,
    '2025-07-19T03:14:35.000Z',
  ],
];

describe('the whole dialog block is one event with its Activity ID and timestamp', () => {
  it.each(DIALOGS)('%s', (_client, text, iso) => {
    const ex = explainText(text, { assumeRdp: true });
    const report = analyzeAvd(text, ex);
    expect(report.activities).toHaveLength(1);
    const a = report.activities[0]!;
    expect(a.activityId).toBe(ID);
    expect(a.how).toBe('label');
    expect(a.timestamp?.iso).toBe(iso);
    expect(a.event).not.toBeNull();
    const ev = ex.events[a.event!]!;
    // The event itself keeps the dialog's Activity ID and timestamp.
    expect(ev.activityId).toBe(ID);
    expect(ev.timestamp?.iso ?? null).toBe(iso);
    expect(ex.events.filter((e) => e.activityId !== undefined)).toHaveLength(1);
    const parts = ev.detections.map((i) => ex.detections[i]!);
    expect(parts.map((d) => d.hex)).toEqual(expect.arrayContaining(['0x3000046', '0x0']));
    expect(a.correlation.kql).toContain(`"${ID}"`);
    if (iso) expect(a.correlation.kql).toContain('datetime(');
  });

  it('two dialogs pasted together: each Activity ID goes with its own codes', () => {
    const other = 'aa2b3c4d-0000-4000-8000-0000000000bb';
    const text = `${DIALOGS[0]![1]}\n\n${'-'.repeat(20)}\n\nWe couldn't connect to the remote PC.\nError code: 0x904\nExtended error code: 0x7\nTimestamp (UTC): 2025-07-20T08:00:00Z\nActivity ID: ${other}`;
    const ex = explainText(text, { assumeRdp: true });
    const { activities } = analyzeAvd(text, ex);
    expect(activities.map((a) => a.activityId)).toEqual([ID, other]);
    const hexes = activities.map((a) => ex.events[a.event!]!.detections.map((i) => ex.detections[i]!.hex));
    expect(hexes[0]).toContain('0x3000046');
    expect(hexes[1]).toEqual(expect.arrayContaining(['0x904', '0x7']));
    expect(activities[1]!.timestamp?.iso).toBe('2025-07-20T08:00:00.000Z');
  });
});

describe('a GUID without a label', () => {
  it('is an Activity ID when Remote Desktop words are near it', () => {
    const text = `Users get a Remote Desktop error in Windows App since this morning, id ${ID}, please check`;
    expect(findActivityFields(text).map((f) => [f.activityId, f.how])).toEqual([[ID, 'context']]);
    const report = analyzeAvd(text, explainText(text, { assumeRdp: true }));
    expect(report.activities[0]?.event).toBeNull();
    expect(report.activities[0]?.correlation.kql).toContain(ID);
  });

  it.each([
    ['no Remote Desktop words', `Build ${ID} finished with 3 warnings.`],
    ['labelled as another id', `Remote Desktop: Tenant ID: ${ID}`],
    ['a session id', `Windows App session ID ${ID}`],
    ['the nil GUID', 'Activity ID: 00000000-0000-0000-0000-000000000000'],
    ['part of a longer token', `Remote Desktop x${ID}y`],
    ['a path segment (a resource id)', `Remote Desktop /subscriptions/${ID}/resourceGroups/rg`],
  ])('is not one with %s', (_what, text) => {
    expect(findActivityFields(text)).toEqual([]);
  });
});

describe('dialog timestamps', () => {
  it.each([
    ['2025-07-19T03:14:35.1234567Z', '2025-07-19T03:14:35.123Z'],
    ['2025-07-19 05:14:35 +02:00', '2025-07-19T03:14:35.000Z'],
    ['07/19/25 03:14:35 PM', '2025-07-19T15:14:35.000Z'],
    ['12/01/2025 12:00:00 AM', '2025-12-01T00:00:00.000Z'],
    ['19.07.2025 03:14', '2025-07-19T03:14:00.000Z'],
    ['2025/7/19 3:14:35', '2025-07-19T03:14:35.000Z'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDialogTimestamp(raw).iso).toBe(iso);
  });

  it.each([
    ['03/04/2025 10:00:00', /cannot be told apart/],
    ['2025-02-30T10:00:00Z', /not a valid date/],
    ['13:00 PM 1/1/2025', /not a date form/],
  ])('%s is kept as written, not guessed', (raw, why) => {
    const t = parseDialogTimestamp(raw);
    expect(t.iso).toBeNull();
    expect(t.note).toMatch(why);
  });
});
