/**
 * Every UI string the popup and options page ask for exists in the English messages, and every
 * message name is one the browsers accept (letters, digits, `_`, `@`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTOR_WORDS } from '../../shared/catalog/actors.js';
import { ACTORS } from '../../shared/catalog/types.js';
import { CARD_LABEL_KEYS } from '../content/card-view.js';
import { HOST_OUTCOMES } from './recent-hosts.js';
import { BUILT_IN_SITES } from './settings.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const messages = JSON.parse(readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;
const has = (key: string) => key.replace(/-/g, '_') in messages;

function sources(dirs = ['extension/popup', 'extension/options']): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(join(ROOT, dir))) {
      if (/\.tsx?$/.test(f) && !f.endsWith('.test.ts')) out.push(readFileSync(join(ROOT, dir, f), 'utf8'));
    }
  }
  return out;
}

describe('UI text', () => {
  it('has valid message names with complete placeholders', () => {
    for (const [name, m] of Object.entries(messages)) {
      expect(name).toMatch(/^[A-Za-z0-9_@]+$/);
      expect(m.message.trim()).not.toBe('');
      for (const ph of m.message.match(/\$[A-Za-z_]+\$/g) ?? []) {
        expect(m.placeholders?.[ph.slice(1, -1).toLowerCase()], `${name} ${ph}`).toBeDefined();
      }
    }
  });

  it('has every literal key used by the pages', () => {
    const keys = new Set(sources().flatMap((s) => [...s.matchAll(/\bt\('([A-Za-z0-9_-]+)'/g)].map((m) => m[1]!)));
    expect(keys.size).toBeGreaterThan(40);
    expect([...keys].filter((k) => !has(k))).toEqual([]);
  });

  it('has every key the in-page card, the marks and the context menu ask for', () => {
    // Firefox logs an error for every unknown key, on every card.
    const pattern = /\b(?:t|getMessage)\('([A-Za-z0-9_]+)'/g;
    const keys = new Set([
      ...sources(['extension/content', 'extension/background']).flatMap((s) =>
        [...s.matchAll(pattern)].map((m) => m[1]!),
      ),
      ...Object.values(CARD_LABEL_KEYS),
    ]);
    expect([...keys]).toEqual(
      expect.arrayContaining(['cardHeading', 'cardWhoActs', 'cardSymbol', 'markLabel', 'contextMenuExplain']),
    );
    expect([...keys].filter((k) => !has(k))).toEqual([]);
  });

  it('words "who must act" as the command line does: one wording per actor', () => {
    const differ = ACTORS.filter((a) => messages[`actor_${a}`]?.message !== ACTOR_WORDS[a]);
    expect(differ, 'edit shared/catalog/actors.ts and the actor_* messages together').toEqual([]);
  });

  it('has every key built from a vocabulary', () => {
    const missing = [
      ...ACTORS.map((a) => `actor_${a}`),
      ...['pass', 'warn', 'fail', 'skipped', 'error'].map((s) => `status_${s}`),
      ...['client', 'server', 'azure-portal', 'domain-policy', 'network', 'gateway', 'broker'].map((w) => `where_${w}`),
      ...['low', 'medium', 'high'].map((r) => `risk_${r}`),
      ...['client', 'server', 'domain-controller', 'admin-workstation', 'cloud-shell', 'gateway', 'session-host'].map(
        (r) => `runOn_${r}`,
      ),
      ...['confirmed', 'consistent', 'not_checked', 'ruled_out'].map((l) => `level_${l}`),
      ...['origin-empty', 'origin-invalid', 'origin-scheme', 'origin-has-path', 'origin-wildcard'],
      ...['workspace-id-invalid', 'workspace-resource-invalid'],
      ...HOST_OUTCOMES.map((o) => `optHistory_${o}`),
      ...BUILT_IN_SITES.map((s) => s.labelKey),
    ].filter((k) => !has(k));
    expect(missing).toEqual([]);
  });
});

describe('locales', () => {
  const dir = join(ROOT, 'public/_locales');
  const locales = readdirSync(dir).filter((l) => l !== 'en');
  const placeholders = (m: { message: string }) => (m.message.match(/\$[A-Za-z_]+\$/g) ?? []).sort();

  if (locales.length === 0) it.skip('no locale besides en yet', () => {});
  it.each(locales)('%s has every English message, with the same placeholders, and nothing else', (locale) => {
    const other = JSON.parse(readFileSync(join(dir, locale, 'messages.json'), 'utf8')) as typeof messages;
    expect(
      Object.keys(messages).filter((k) => !(k in other)),
      `${locale} lacks`,
    ).toEqual([]);
    expect(
      Object.keys(other).filter((k) => !(k in messages)),
      `${locale} has unknown`,
    ).toEqual([]);
    for (const [k, m] of Object.entries(other))
      expect(placeholders(m), `${locale} ${k}`).toEqual(placeholders(messages[k]!));
  });
});
