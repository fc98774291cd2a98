import { describe, expect, it } from 'vitest';
import { type CardModel, SHOW_CARD } from './card-view.js';
import { isCardModel, parseShowCard } from './messages.js';

const labels: CardModel['labels'] = {
  heading: 'RDP Doctor',
  nothing: 'No code',
  fixes: 'Fixes',
  check: 'Check the server…',
  fullView: 'Open…',
  off: 'Off',
  close: 'Close',
  whoActs: 'Who acts',
  symbol: 'Symbol',
};
const model: CardModel = {
  mode: 'selection',
  nothing: false,
  codes: [
    { code: '0x904', name: null, summary: 'The server closed the connection.', actor: 'The server administrator' },
  ],
  fixes: [{ title: 'Read the event logs', why: 'Because.' }],
  fullViewText: 'Error code: 0x904',
  siteSwitch: false,
  labels,
};

const AVD = {
  heading: 'Azure Virtual Desktop logs',
  activityLine: 'Activity ID 2f8a9c61-3d0e-4b7a-9a1e-5c6d7e8f9012',
  owner: 'Not known yet',
  kql: 'WVDErrors | take 1',
  copy: 'Copy Log Analytics query',
  copied: 'Copied',
  copyFailed: 'Could not copy',
};

describe('card models (background → content)', () => {
  it('accepts a well-formed model and the show-card envelope', () => {
    expect(isCardModel(model)).toBe(true);
    expect(isCardModel({ ...model, avd: AVD })).toBe(true);
    expect(parseShowCard({ type: SHOW_CARD, model })).toBe(model);
  });

  it.each<[string, unknown]>([
    ['wrong mode', { ...model, mode: 'inject' }],
    ['code that is not text', { ...model, codes: [{ ...model.codes[0], code: { toString: () => '<img>' } }] }],
    ['too many codes', { ...model, codes: Array.from({ length: 21 }, () => model.codes[0]) }],
    ['fix without title', { ...model, fixes: [{ why: 'x' }] }],
    ['missing label', { ...model, labels: { ...labels, check: undefined } }],
    ['huge text', { ...model, fullViewText: 'x'.repeat(100_001) }],
    ['no site switch flag', { ...model, siteSwitch: 'yes' }],
    ['an AVD part without its query', { ...model, avd: { ...AVD, kql: 42 } }],
    ['an AVD query too long to be one', { ...model, avd: { ...AVD, kql: 'x'.repeat(20_001) } }],
  ])('refuses a model with %s', (_, m) => {
    expect(isCardModel(m)).toBe(false);
    expect(parseShowCard({ type: SHOW_CARD, model: m })).toBeNull();
  });

  it('refuses another message type', () => {
    expect(parseShowCard({ type: 'open-full-view', model })).toBeNull();
  });
});
