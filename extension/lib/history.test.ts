import { describe, expect, it } from 'vitest';
import { clearHistory, loadHistory, MAX_RECENT_HOSTS, normalizeHistory, rememberHost } from './history.js';
import type { StorageAreaLike } from './settings.js';

function area(): StorageAreaLike {
  const data: Record<string, unknown> = {};
  return {
    async get(k) {
      const key = typeof k === 'string' ? k : (k[0] ?? '');
      return key in data ? { [key]: structuredClone(data[key]) } : {};
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
  };
}

describe('recent hosts', () => {
  it('keeps the newest first, without duplicates, bounded', async () => {
    const a = area();
    for (let i = 0; i < MAX_RECENT_HOSTS + 3; i++) await rememberHost(a, `h${i}.example`);
    await rememberHost(a, 'h5.example');
    const list = await loadHistory(a);
    expect(list).toHaveLength(MAX_RECENT_HOSTS);
    expect(list[0]).toBe('h5.example');
    expect(list.filter((h) => h === 'h5.example')).toHaveLength(1);
    await clearHistory(a);
    expect(await loadHistory(a)).toEqual([]);
  });

  it('drops damaged entries', () => {
    expect(normalizeHistory(['a', 3, '', ' a ', null, 'b'])).toEqual(['a', 'b']);
    expect(normalizeHistory('a')).toEqual([]);
  });
});
