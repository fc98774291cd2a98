import { describe, expect, it } from 'vitest';
import { PROTOCOL_ERROR_CODES, PROTOCOL_ERROR_MESSAGES } from './errors.js';
import { validateCheckResult, validateHostMessage, validateRequest } from './validate.js';

const goodResult = {
  checkId: 'reachability',
  status: 'fail',
  summary: 'Port 3389 refused',
  evidence: { port: 3389 },
  findings: [{ id: 'port-refused', severity: 'fail', summary: 'refused', supports: ['x'], rulesOut: [] }],
  durationMs: 3,
};

describe('validateRequest', () => {
  const cases: Array<[string, unknown, string, string | null]> = [
    ['not an object', 42, 'invalid-request', null],
    ['array', [], 'invalid-request', null],
    ['null', null, 'invalid-request', null],
    ['missing type', { id: 'a' }, 'invalid-request', 'a'],
    ['unknown type', { type: 'format-disk', id: 'a' }, 'unknown-type', 'a'],
    ['missing id', { type: 'ping' }, 'invalid-request', null],
    ['bad id chars', { type: 'ping', id: 'a b' }, 'invalid-request', null],
    ['id too long', { type: 'ping', id: 'x'.repeat(65) }, 'invalid-request', null],
    ['probe without host', { type: 'probe', id: 'p', port: 3389, timeoutMs: 1000 }, 'invalid-target', 'p'],
    [
      'probe of the metadata address without allowRestricted',
      { type: 'probe', id: 'p', host: '169.254.169.254', port: 80, timeoutMs: 1000 },
      'invalid-target',
      'p',
    ],
    [
      'probe with a non-boolean allowRestricted',
      { type: 'probe', id: 'p', host: '169.254.169.254', port: 80, timeoutMs: 1000, allowRestricted: 'yes' },
      'invalid-request',
      'p',
    ],
    [
      'probe of a hex IPv4 spelling',
      { type: 'probe', id: 'p', host: '0x7f000001', port: 3389, timeoutMs: 1000 },
      'invalid-target',
      'p',
    ],
    [
      'probe host with space',
      { type: 'probe', id: 'p', host: 'a b', port: 3389, timeoutMs: 1000 },
      'invalid-target',
      'p',
    ],
    [
      'probe host url',
      { type: 'probe', id: 'p', host: 'http://x/', port: 3389, timeoutMs: 1000 },
      'invalid-target',
      'p',
    ],
    [
      'probe host with port',
      { type: 'probe', id: 'p', host: 'srv:3389', port: 3389, timeoutMs: 1000 },
      'invalid-target',
      'p',
    ],
    [
      'probe host option-like',
      { type: 'probe', id: 'p', host: '-oProxy', port: 3389, timeoutMs: 1000 },
      'invalid-target',
      'p',
    ],
    ['probe port 0', { type: 'probe', id: 'p', host: 'h', port: 0, timeoutMs: 1000 }, 'invalid-target', 'p'],
    ['probe port 65536', { type: 'probe', id: 'p', host: 'h', port: 65536, timeoutMs: 1000 }, 'invalid-target', 'p'],
    ['probe port string', { type: 'probe', id: 'p', host: 'h', port: '3389', timeoutMs: 1000 }, 'invalid-target', 'p'],
    ['probe timeout too small', { type: 'probe', id: 'p', host: 'h', port: 1, timeoutMs: 5 }, 'invalid-request', 'p'],
    ['probe timeout float', { type: 'probe', id: 'p', host: 'h', port: 1, timeoutMs: 1000.5 }, 'invalid-request', 'p'],
    ['local-checks no timeout', { type: 'local-checks', id: 'l' }, 'invalid-request', 'l'],
    ['local-checks bad list', { type: 'local-checks', id: 'l', timeoutMs: 1000, checks: [1] }, 'invalid-request', 'l'],
  ];
  it.each(cases)('%s', (_name, raw, code, id) => {
    const v = validateRequest(raw);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.code).toBe(code);
      expect(v.id).toBe(id);
    }
  });

  it('accepts each request type and drops unknown fields', () => {
    expect(validateRequest({ type: 'ping', id: 'a1', extra: 1 })).toEqual({
      ok: true,
      value: { type: 'ping', id: 'a1' },
    });
    expect(validateRequest({ type: 'cancel', id: 'a1' })).toEqual({ ok: true, value: { type: 'cancel', id: 'a1' } });
    expect(validateRequest({ type: 'probe', id: 'p', host: '[::1]', port: 3389, timeoutMs: 2000 })).toEqual({
      ok: true,
      value: { type: 'probe', id: 'p', host: '::1', port: 3389, timeoutMs: 2000 },
    });
    expect(validateRequest({ type: 'probe', id: 'p', host: 'RDS.Example.com.', port: 3389, timeoutMs: 2000 })).toEqual({
      ok: true,
      value: { type: 'probe', id: 'p', host: 'rds.example.com', port: 3389, timeoutMs: 2000 },
    });
    expect(validateRequest({ type: 'local-checks', id: 'l', timeoutMs: 500, checks: ['clock'] })).toEqual({
      ok: true,
      value: { type: 'local-checks', id: 'l', timeoutMs: 500, checks: ['clock'] },
    });
  });
});

describe('validateHostMessage', () => {
  it('accepts a hello and fills defaults', () => {
    const v = validateHostMessage({
      type: 'hello',
      protocolVersion: '1.0',
      hostVersion: '0.1.0',
      capabilities: ['ping'],
    });
    expect(v).toEqual({
      ok: true,
      value: {
        type: 'hello',
        protocolVersion: '1.0',
        hostVersion: '0.1.0',
        capabilities: ['ping'],
        platform: 'unknown',
        maxConcurrent: 1,
      },
    });
  });

  const bad: Array<[string, unknown]> = [
    ['not object', 'hello'],
    ['unknown type', { type: 'party', id: 'a' }],
    ['hello bad version', { type: 'hello', protocolVersion: 1, hostVersion: '0.1.0', capabilities: [] }],
    ['hello caps not list', { type: 'hello', protocolVersion: '1.0', hostVersion: '0.1.0', capabilities: 'ping' }],
    ['pong without id', { type: 'pong', hostVersion: '1' }],
    ['progress broken result', { type: 'progress', id: 'a', index: 0, result: { checkId: 'x' } }],
    ['progress negative index', { type: 'progress', id: 'a', index: -1, result: goodResult }],
    ['result bad request', { type: 'result', id: 'a', request: 'x', count: 1, durationMs: 1 }],
    ['error bad id', { type: 'error', id: 5, code: 'busy', message: 'x' }],
    ['error no message', { type: 'error', id: 'a', code: 'busy' }],
  ];
  it.each(bad)('rejects %s as invalid-response', (_n, raw) => {
    const v = validateHostMessage(raw);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.code).toBe('invalid-response');
  });

  it('accepts progress, result and errors (unknown error codes become internal)', () => {
    const p = validateHostMessage({ type: 'progress', id: 'a', index: 0, total: 3, result: goodResult });
    expect(p.ok && p.value.type === 'progress' && p.value.result.findings.length).toBe(1);
    expect(validateHostMessage({ type: 'result', id: 'a', request: 'probe', count: 1, durationMs: 2 }).ok).toBe(true);
    const e = validateHostMessage({ type: 'error', id: null, code: 'brand-new-code', message: 'm' });
    expect(e).toEqual({ ok: true, value: { type: 'error', id: null, code: 'internal', message: 'm' } });
  });
});

describe('validateCheckResult', () => {
  it('drops unknown finding ids but keeps the result', () => {
    const r = validateCheckResult({ ...goodResult, findings: [{ ...goodResult.findings[0], id: 'from-the-future' }] });
    expect(r?.findings).toEqual([]);
  });
  it('rejects a malformed finding', () => {
    expect(validateCheckResult({ ...goodResult, findings: [{ id: 'port-refused' }] })).toBeNull();
    const clients = [
      { client: 'mstsc', effect: 'warns', detail: 'shows a dialog', source: 'https://learn.microsoft.com/x' },
      { client: 'some-future-client', effect: 'refuses', detail: 'd', source: 's' },
    ];
    const withClients = validateCheckResult({ ...goodResult, findings: [{ ...goodResult.findings[0], clients }] });
    expect(withClients?.findings[0]?.clients).toEqual([clients[0]]);
    const badClients = [{ client: 'mstsc', effect: 'explodes', detail: 'd', source: 's' }];
    expect(
      validateCheckResult({ ...goodResult, findings: [{ ...goodResult.findings[0], clients: badClients }] }),
    ).toBeNull();
    expect(validateCheckResult({ ...goodResult, status: 'great' })).toBeNull();
    expect(validateCheckResult({ ...goodResult, evidence: [] })).toBeNull();
  });
});

describe('error codes', () => {
  it('every code has a message and codes are unique', () => {
    expect(new Set(PROTOCOL_ERROR_CODES).size).toBe(PROTOCOL_ERROR_CODES.length);
    for (const c of PROTOCOL_ERROR_CODES) expect(PROTOCOL_ERROR_MESSAGES[c].length).toBeGreaterThan(10);
  });
});

describe('allowRestricted on a probe', () => {
  it('lets a typed metadata or link-local target through and keeps the flag for the dispatcher', () => {
    expect(
      validateRequest({
        type: 'probe',
        id: 'p',
        host: '169.254.169.254',
        port: 80,
        timeoutMs: 1000,
        allowRestricted: true,
      }),
    ).toEqual({
      ok: true,
      value: { type: 'probe', id: 'p', host: '169.254.169.254', port: 80, timeoutMs: 1000, allowRestricted: true },
    });
  });
});
