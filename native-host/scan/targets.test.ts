import { describe, expect, it } from 'vitest';
import { ListLineTooLong, MAX_LINE_CHARS, newListStats, parseTargetLine, readTargets, splitLines } from './targets.js';

const list = (line: string) => {
  const p = parseTargetLine(line);
  return p.kind === 'targets' ? [...p.targets()].map((t) => t.display) : p;
};

describe('scan target lines', () => {
  it.each([
    ['', { kind: 'skip' }],
    ['   # a comment', { kind: 'skip' }],
  ])('skips %j', (line, expected) => {
    expect(parseTargetLine(line)).toEqual(expected);
  });

  it('reads host[:port] with inline comments', () => {
    expect(list('rdp01.corp.example  # finance')).toEqual(['rdp01.corp.example:3389']);
    expect(list('10.1.2.3:3390')).toEqual(['10.1.2.3:3390']);
    expect(list('[::1]:3389')).toEqual(['[::1]:3389']);
  });

  it('expands IPv4 ranges, normalising the base address', () => {
    expect(list('127.0.0.5/30')).toEqual(['127.0.0.4:3389', '127.0.0.5:3389', '127.0.0.6:3389', '127.0.0.7:3389']);
    expect(list('127.0.1.0/31:13389')).toEqual(['127.0.1.0:13389', '127.0.1.1:13389']);
    expect(list('127.0.0.9/32')).toEqual(['127.0.0.9:3389']);
  });

  it('expands small IPv6 ranges', () => {
    expect(list('[fd00::10/126]:3389')).toEqual([
      '[fd00:0:0:0:0:0:0:10]:3389',
      '[fd00:0:0:0:0:0:0:11]:3389',
      '[fd00:0:0:0:0:0:0:12]:3389',
      '[fd00:0:0:0:0:0:0:13]:3389',
    ]);
  });

  it.each([
    ['10.0.0.0/8', 'range-too-large'],
    ['fd00::/64', 'range-too-large'],
    ['10.0.0.0/33', 'range-invalid'],
    ['10.0.0.0/24:70000', 'port-out-of-range'],
    ['-oProxyCommand=x', undefined],
    ['http://host/', undefined],
  ])('refuses %j with a typed code', (line, code) => {
    const p = parseTargetLine(line);
    expect(p.kind).toBe('error');
    if (code && p.kind === 'error') expect(p.code).toBe(code);
  });

  it('streams a large range lazily', async () => {
    async function* lines() {
      yield '10.0.0.0/16';
    }
    let n = 0;
    for await (const item of readTargets(lines())) {
      expect('target' in item).toBe(true);
      if (++n === 5) break;
    }
    expect(n).toBe(5);
  });

  it('reports invalid lines with their line number', async () => {
    async function* lines() {
      yield 'good.example';
      yield '';
      yield 'bad host name';
    }
    const out = [];
    for await (const item of readTargets(lines())) out.push(item);
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ line: 3, error: { code: expect.any(String) } });
  });

  it('folds repeated targets and overlapping ranges into one, and counts the repeats', async () => {
    async function* lines() {
      yield '10.0.0.1';
      yield '10.0.0.1:3389';
      yield '10.0.0.0/30';
      yield '[fd00::1]:3389';
      yield 'fd00:0:0:0:0:0:0:1';
      yield 'Host.Example.';
      yield 'host.example:3389';
    }
    const stats = newListStats();
    const got: string[] = [];
    for await (const item of readTargets(lines(), undefined, stats))
      if ('target' in item) got.push(item.target.display);
    expect(got).toEqual([
      '10.0.0.1:3389',
      '10.0.0.0:3389',
      '10.0.0.2:3389',
      '10.0.0.3:3389',
      '[fd00::1]:3389',
      'host.example:3389',
    ]);
    expect(stats).toMatchObject({ distinct: 6, duplicates: 4 });
  });
});

describe('splitLines', () => {
  async function* chunks(...parts: string[]) {
    yield* parts;
  }
  it('splits LF and CRLF across chunk boundaries', async () => {
    const out: string[] = [];
    for await (const l of splitLines(chunks('a\r', '\nb\nc', 'd\n', 'e'))) out.push(l);
    expect(out).toEqual(['a', 'b', 'cd', 'e']);
  });
  it('stops at a line longer than the limit instead of growing without bound', async () => {
    async function* zeros() {
      for (;;) yield '\0'.repeat(65_536);
    }
    const out: string[] = [];
    await expect(async () => {
      for await (const l of splitLines(zeros())) out.push(l);
    }).rejects.toBeInstanceOf(ListLineTooLong);
    expect(out).toEqual([]);
    const stats = newListStats();
    const items = [];
    for await (const item of readTargets(
      splitLines(chunks('10.0.0.1\n', 'x'.repeat(MAX_LINE_CHARS + 10), '\n')),
      undefined,
      stats,
    ))
      items.push(item);
    expect(items[1]).toMatchObject({ line: 2, fatal: true, error: { code: 'line-too-long' } });
    expect(stats.invalidLines).toEqual([2]);
  });
});
