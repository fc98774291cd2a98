import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../shared/protocol/results.js';
import { type HistoryCell, HistoryStore } from '../background/history-store.js';
import { mayAsk, parseRequest } from './messages.js';
import {
  MAX_RECENT_HOSTS,
  normalizeEntries,
  normalizeHistory,
  outcomeOf,
  type RecentHost,
  withHost,
} from './recent-hosts.js';

function cell(initial?: unknown): HistoryCell & { value: unknown } {
  const c = {
    value: initial,
    async read() {
      return structuredClone(c.value);
    },
    async write(v: RecentHost[]) {
      await new Promise((r) => setTimeout(r, 1));
      c.value = structuredClone(v);
    },
  };
  return c;
}

describe('recent hosts', () => {
  it('keeps the newest first, without duplicates, bounded', async () => {
    const store = new HistoryStore(cell());
    for (let i = 0; i < MAX_RECENT_HOSTS + 3; i++) await store.remember(`h${i}.example`);
    await store.remember('h5.example');
    const list = await store.list();
    expect(list).toHaveLength(MAX_RECENT_HOSTS);
    expect(list[0]).toBe('h5.example');
    expect(list.filter((h) => h === 'h5.example')).toHaveLength(1);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });

  it('loses no host when two checks start at once', async () => {
    const store = new HistoryStore(cell());
    await Promise.all([store.remember('a.example'), store.remember('b.example'), store.remember('c.example')]);
    expect(await store.list()).toEqual(['c.example', 'b.example', 'a.example']);
  });

  it('drops damaged entries, stored or asked for', async () => {
    expect(normalizeHistory(['a', 3, '', ' a ', null, 'b'])).toEqual(['a', 'b']);
    expect(normalizeHistory('a')).toEqual([]);
    expect(await new HistoryStore(cell({ evil: 1 })).list()).toEqual([]);
    expect(withHost([{ host: 'a' }, { host: 'b' }], ' b ')).toEqual([{ host: 'b' }, { host: 'a' }]);
  });

  it('keeps when each host was last checked, reads lists kept before times were, and forgets one host', async () => {
    let now = 1_700_000_000_000;
    const c = cell(['old.example', { host: 'bad', at: 'yesterday' }]);
    const store = new HistoryStore(c, () => now);
    expect(await store.entries()).toEqual([{ host: 'old.example' }, { host: 'bad' }]);
    await store.remember('a.example:3390');
    now += 60_000;
    await store.remember('b.example');
    expect(await store.entries()).toEqual([
      { host: 'b.example', at: now },
      { host: 'a.example:3390', at: now - 60_000 },
      { host: 'old.example' },
      { host: 'bad' },
    ]);
    expect(await store.list()).toEqual(['b.example', 'a.example:3390', 'old.example', 'bad']);
    expect(await store.remove(' a.example:3390 ')).toEqual([
      { host: 'b.example', at: now },
      { host: 'old.example' },
      { host: 'bad' },
    ]);
    expect(normalizeEntries(c.value)).toHaveLength(3);
    expect(await store.remove('not.listed')).toHaveLength(3);
  });

  it('keeps how the last check of a listed host ended, until the next check of it starts', async () => {
    const store = new HistoryStore(cell(), () => 1_700_000_000_000);
    await store.remember('a.example');
    await store.remember('b.example');
    expect(await store.record('a.example', 'problems')).toEqual([
      { host: 'b.example', at: 1_700_000_000_000 },
      { host: 'a.example', at: 1_700_000_000_000, result: 'problems' },
    ]);
    // A host not listed is not added by its outcome.
    expect(await store.record('c.example', 'healthy')).toHaveLength(2);
    await store.remember('a.example');
    expect((await store.entries())[0]).toEqual({ host: 'a.example', at: 1_700_000_000_000 });
    expect(normalizeEntries([{ host: 'x', result: 'great' }])).toEqual([{ host: 'x' }]);
    const result = (severity: 'info' | 'warn' | 'fail') =>
      ({
        checkId: 'certificate',
        status: 'pass',
        summary: '',
        evidence: {},
        findings: [{ id: 'cert-valid', severity, summary: '', supports: [], rulesOut: [] }],
        durationMs: 1,
      }) as CheckResult;
    expect(outcomeOf([result('info')])).toBe('healthy');
    expect(outcomeOf([result('info'), result('warn')])).toBe('warnings');
    expect(outcomeOf([result('warn'), result('fail')])).toBe('problems');
  });

  it('is served to extension pages only: content scripts cannot ask for it or write it', () => {
    expect(parseRequest({ type: 'history-get' })).toEqual({ type: 'history-get' });
    expect(parseRequest({ type: 'history-remember', host: 'rdp.example:3390' })).toEqual({
      type: 'history-remember',
      host: 'rdp.example:3390',
    });
    expect(parseRequest({ type: 'history-remember', host: 'x'.repeat(301) })).toBeNull();
    expect(parseRequest({ type: 'history-remember', host: 3 })).toBeNull();
    expect(parseRequest({ type: 'history-remove', host: 'rdp.example' })).toEqual({
      type: 'history-remove',
      host: 'rdp.example',
    });
    expect(parseRequest({ type: 'history-remove', host: '' })).toBeNull();
    expect(parseRequest({ type: 'history-entries' })).toEqual({ type: 'history-entries' });
    for (const t of [
      'history-get',
      'history-remember',
      'history-clear',
      'history-entries',
      'history-remove',
    ] as const) {
      expect(mayAsk(t, 'content')).toBe(false);
      expect(mayAsk(t, 'page')).toBe(true);
    }
  });
});
