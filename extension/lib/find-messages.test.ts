import { describe, expect, it } from 'vitest';
import { MAX_FIND_CHARS, MAX_FIND_TEXTS, parseFindReply, parseFindRequest } from './find-messages.js';

describe('annotation-find requests and answers', () => {
  it('accepts a batch of texts up to the limits', () => {
    const texts = ['Error code: 0x904', ''];
    expect(parseFindRequest({ type: 'annotation-find', id: 7, texts })).toEqual({
      type: 'annotation-find',
      id: 7,
      texts,
    });
    const full = Array.from({ length: MAX_FIND_TEXTS }, () => 'x'.repeat(MAX_FIND_CHARS / MAX_FIND_TEXTS));
    expect(parseFindRequest({ type: 'annotation-find', id: 1, texts: full })).not.toBeNull();
  });

  it.each<[string, unknown]>([
    ['no texts', { type: 'annotation-find', id: 1 }],
    ['no id', { type: 'annotation-find', texts: [] }],
    ['an id that is not a number', { type: 'annotation-find', id: '1', texts: [] }],
    ['a text that is not a string', { type: 'annotation-find', id: 1, texts: ['ok', 42] }],
    ['too many texts', { type: 'annotation-find', id: 1, texts: Array.from({ length: MAX_FIND_TEXTS + 1 }, () => '') }],
    ['too much text', { type: 'annotation-find', id: 1, texts: ['x'.repeat(MAX_FIND_CHARS), 'y'] }],
    ['another type', { type: 'annotation-explain', id: 1, texts: [] }],
    ['an array', [{ type: 'annotation-find', id: 1, texts: [] }]],
  ])('refuses a request with %s', (_, m) => {
    expect(parseFindRequest(m)).toBeNull();
  });

  const code = {
    start: 12,
    end: 17,
    namespace: 'disconnect-reason',
    code: 0x904,
    hex: '0x904',
    name: null,
    label: '0x904',
  };
  it('accepts an answer with one list per text and spans inside each text', () => {
    const texts = ['Error code: 0x904', 'nothing'];
    expect(parseFindReply([[code], []], texts)).toEqual([[code], []]);
    const pair: [unknown, unknown] = [
      { namespace: 'disconnect-reason', code: 0x904 },
      { namespace: 'extended-reason', code: 7 },
    ];
    expect(parseFindReply([[{ ...code, pair }], []], texts)).toEqual([[{ ...code, pair }], []]);
  });

  it.each<[string, unknown]>([
    ['not one list per text', [[code]]],
    ['a span past the text', [[{ ...code, end: 18 }], []]],
    ['an empty span', [[{ ...code, end: 12 }], []]],
    ['an unknown family', [[{ ...code, namespace: 'nope' }], []]],
    ['a label that is not text', [[{ ...code, label: { toString: () => '<b>' } }], []]],
    ['a list that is not a list', ['0x904', []]],
    ['a pair of one code', [[{ ...code, pair: [{ namespace: 'disconnect-reason', code: 0x904 }] }], []]],
    ['a negative code', [[{ ...code, code: -1 }], []]],
  ])('refuses an answer with %s', (_, m) => {
    expect(parseFindReply(m, ['Error code: 0x904', 'nothing'])).toBeNull();
  });
});
