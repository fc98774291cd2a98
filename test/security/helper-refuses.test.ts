/**
 * The helper refuses invalid targets through the real stdio protocol: option-like strings, URLs,
 * control characters, shell text, names over 253 characters, a port inside the host field, ports
 * outside 1–65535 and timeouts over the cap. Each gets a typed error echoing the request id, and a
 * loopback listener (127.0.0.212) that every one of them names sees no connection — until a valid
 * request to it shows that the counter does count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TIMEOUT_MS } from '../../shared/protocol/target.js';
import { type HostProcess, spawnHost } from '../host/harness.js';
import { startTripwire, type Tripwire } from './tripwire.js';

const ADDRESS = '127.0.0.212';
let wire: Tripwire;
let port = 0;
let h: HostProcess;

beforeAll(async () => {
  wire = await startTripwire(ADDRESS);
  port = wire.port;
  h = spawnHost();
  expect((await h.next()).type).toBe('hello');
});

afterAll(async () => {
  h.closeStdin();
  await h.exit();
  await wire?.close();
});

const cases = (): [string, Record<string, unknown>, string][] => [
  ['option-like host', { host: `-oProxyCommand=nc ${ADDRESS}` }, 'invalid-target'],
  ['option-like host (double dash)', { host: '--help' }, 'invalid-target'],
  ['URL', { host: `http://${ADDRESS}:${port}/` }, 'invalid-target'],
  ['URL without scheme', { host: `${ADDRESS}/x` }, 'invalid-target'],
  ['user@host', { host: `admin@${ADDRESS}` }, 'invalid-target'],
  ['control character', { host: `${ADDRESS}\n` }, 'invalid-target'],
  ['NUL', { host: `${ADDRESS}\u0000evil` }, 'invalid-target'],
  ['escape sequence', { host: `\u001b[31m${ADDRESS}` }, 'invalid-target'],
  ['shell text', { host: `${ADDRESS};id` }, 'invalid-target'],
  ['command substitution', { host: '$(id)' }, 'invalid-target'],
  ['space', { host: `${ADDRESS} ${ADDRESS}` }, 'invalid-target'],
  [
    'name of 254 characters',
    { host: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}` },
    'invalid-target',
  ],
  ['very long name', { host: 'x'.repeat(70_000 / 2) }, 'invalid-target'],
  ['port inside the host field', { host: `${ADDRESS}:${port}` }, 'invalid-target'],
  ['port 0', { port: 0 }, 'invalid-target'],
  ['port 65536', { port: 65536 }, 'invalid-target'],
  ['negative port', { port: -1 }, 'invalid-target'],
  ['fractional port', { port: 3389.5 }, 'invalid-target'],
  ['port as text', { port: String(port) }, 'invalid-target'],
  ['timeout over the cap', { timeoutMs: MAX_TIMEOUT_MS + 1 }, 'invalid-request'],
  ['huge timeout', { timeoutMs: 1e12 }, 'invalid-request'],
  ['negative timeout', { timeoutMs: -5 }, 'invalid-request'],
  ['timeout as text', { timeoutMs: '1000' }, 'invalid-request'],
  ['host as an array', { host: [ADDRESS] }, 'invalid-target'],
];

describe('the helper refuses invalid targets over stdio', () => {
  it('each invalid probe request gets its typed error and makes no connection', async () => {
    const all = cases();
    for (const [i, [, fields]] of all.entries()) {
      h.send({ type: 'probe', id: `bad-${i}`, host: ADDRESS, port, timeoutMs: 2000, ...fields });
    }
    for (const [i, [what, , code]] of all.entries()) {
      const m = await h.until((x) => x.id === `bad-${i}`);
      expect({ what, type: m.type, code: m.code }).toEqual({ what, type: 'error', code });
      expect(String(m.message)).not.toContain(ADDRESS); // the message never echoes the input
    }
    // A ping after them is answered: the helper is still serving.
    h.send({ type: 'ping', id: 'after' });
    expect((await h.until((x) => x.id === 'after')).type).toBe('pong');
    expect(wire.connections).toBe(0);
  });

  it('a request with the target in fields it does not know is refused or ignored, never probed', async () => {
    h.send({ type: 'probe', id: 'no-host', target: `${ADDRESS}:${port}`, port, timeoutMs: 2000 });
    h.send({ type: 'local-checks', id: 'lc', timeoutMs: 200, checks: [`${ADDRESS}`] });
    expect((await h.until((x) => x.id === 'no-host')).code).toBe('invalid-target');
    expect(await h.until((x) => x.id === 'lc')).toMatchObject({ type: 'error', code: 'invalid-request' });
    expect(wire.connections).toBe(0);
  });

  it('the same listener counts the connections of a valid probe (the zero above is real)', async () => {
    h.send({ type: 'probe', id: 'good', host: ADDRESS, port, timeoutMs: 2000 });
    await h.until((x) => x.id === 'good' && (x.type === 'result' || x.type === 'error'));
    expect(wire.connections).toBeGreaterThan(0);
  });
});
