import { describe, expect, it } from 'vitest';
import { explainCommand } from './explain.js';
import { runCommand } from './run-command.testkit.js';

async function explainJson(text: string): Promise<{
  events: { fixes: string[]; fixTitles: string[] }[];
  fixes: { id: string; title: string }[];
}> {
  const { code, out } = await runCommand(explainCommand, ['--json', text]);
  expect(code).toBe(0);
  return JSON.parse(out);
}

// Texts whose codes list several fixes; each event's list must be the overall ranking filtered to it.
const TEXTS = [
  'Error code: 0x904\nExtended error code: 0x7',
  'Error code: 0x204\nExtended error code: 0x0',
  'ERRCONNECT_LOGON_FAILURE [0x00020014]',
  'ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]',
  'Error code: 0x904 Extended error code: 0x7\nError code: 0x204 Extended error code: 0x0',
  'Error code: 0x3 Extended error code: 0x0\nCredSSP encryption oracle remediation',
];

describe('explain --json: per-event fixes follow the one ranking', () => {
  for (const text of TEXTS) {
    it(`orders each event's fixes as the overall list does: ${JSON.stringify(text.slice(0, 40))}`, async () => {
      const j = await explainJson(text);
      expect(j.events.length).toBeGreaterThan(0);
      const overall = j.fixes.map((f) => f.id);
      const titles = new Map(j.fixes.map((f) => [f.id, f.title]));
      for (const ev of j.events) {
        for (const id of ev.fixes) expect(overall).toContain(id);
        expect(ev.fixes).toEqual(overall.filter((id) => ev.fixes.includes(id)));
        expect(ev.fixTitles).toEqual(ev.fixes.map((id) => titles.get(id)));
      }
    });
  }
});
