import { describe, expect, it } from 'vitest';
import { getCause } from './causes.js';
import { lookup } from './index.js';
import { KNOWN_MESSAGES } from './messages.js';

describe('well-known message texts', () => {
  it('have unique ids and unique phrases', () => {
    const ids = KNOWN_MESSAGES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const phrases = KNOWN_MESSAGES.flatMap((m) => m.phrases.map((p) => p.text.toLowerCase()));
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it.each(KNOWN_MESSAGES.map((m) => [m.id, m] as const))('%s points at real catalogue data', (_id, m) => {
    expect(m.phrases.length).toBeGreaterThan(0);
    expect(m.phrases.some((p) => p.lang === 'en')).toBe(true);
    for (const p of m.phrases) {
      expect(p.text.trim()).toBe(p.text);
      expect(p.text.length).toBeGreaterThanOrEqual(6);
      expect(p.lang).toMatch(/^[a-z]{2}(-[A-Za-z]+)?$/);
    }
    if (m.ref) expect(lookup(m.ref.namespace, m.ref.code), `${m.ref.namespace} ${m.ref.code}`).toBeDefined();
    for (const c of m.causes) expect(getCause(c), c).toBeDefined();
    expect(m.ref !== undefined || m.causes.length > 0 || m.generic === true).toBe(true);
    expect(m.source.length).toBeGreaterThan(5);
  });

  it('covers the messages the detector must recognise without codes', () => {
    const all = KNOWN_MESSAGES.flatMap((m) => m.phrases.map((p) => p.text.toLowerCase()));
    for (const must of [
      'an internal error has occurred',
      'credssp encryption oracle remediation',
      'the remote computer requires network level authentication',
      "remote desktop can't find the computer",
      "this computer can't connect to the remote computer",
      'the remote computer that you are trying to connect to requires network level authentication (nla)',
    ]) {
      expect(
        all.some((p) => p.includes(must) || must.includes(p)),
        must,
      ).toBe(true);
    }
  });

  it('carries localised variants of the internal-error message for the languages the detector supports', () => {
    const internal = KNOWN_MESSAGES.find((m) => m.id === 'internal-error');
    const langs = new Set(internal?.phrases.map((p) => p.lang));
    for (const l of ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'ru', 'ja', 'zh-Hans', 'zh-Hant', 'ko']) {
      expect(langs.has(l), l).toBe(true);
    }
  });
});
