import { describe, expect, it } from 'vitest';
import { serveFindPort } from '../background/annotation-find.js';
import { FIND_PORT } from '../lib/find-messages.js';
import { portFinder } from './find-client.js';

type Fn = (m?: unknown) => void;

/** Two connected port ends, as runtime.connect gives the content script and onConnect the background. */
function pair() {
  const listeners = { a: [] as Fn[], b: [] as Fn[], aGone: [] as Fn[], bGone: [] as Fn[] };
  let connected = true;
  const end = (mine: 'a' | 'b') => ({
    name: FIND_PORT,
    onMessage: { addListener: (fn: Fn) => listeners[mine].push(fn) },
    onDisconnect: { addListener: (fn: Fn) => listeners[mine === 'a' ? 'aGone' : 'bGone'].push(fn) },
    postMessage(m: unknown) {
      if (!connected) throw new Error('disconnected');
      const to = listeners[mine === 'a' ? 'b' : 'a'];
      // Structured clone, later: as across processes.
      const copy = structuredClone(m);
      queueMicrotask(() => {
        for (const fn of to) fn(copy);
      });
    },
    disconnect() {
      connected = false;
      for (const fn of listeners[mine === 'a' ? 'bGone' : 'aGone']) fn();
    },
  });
  return { content: end('a'), background: end('b') };
}

describe('the find port between content script and background', () => {
  it('answers each question with the codes of its texts, on one port', async () => {
    let opened = 0;
    const find = portFinder(() => {
      opened++;
      const p = pair();
      serveFindPort(p.background, false);
      return p.content as never;
    });
    const [a, b] = await Promise.all([
      find(['Error code: 0x904 Extended error code: 0x7', 'no codes here']),
      find(['[ERROR][com.freerdp.core] - ERRCONNECT_CONNECT_TRANSPORT_FAILED']),
    ]);
    expect(a.map((l) => l.map((f) => f.label))).toEqual([['0x904', '0x7'], []]);
    expect(b[0]?.[0]?.name).toBe('ERRCONNECT_CONNECT_TRANSPORT_FAILED');
    expect(opened).toBe(1);
  });

  it('asks again on a new port when the background goes away, and reads nothing when it cannot ask', async () => {
    const ports: ReturnType<typeof pair>[] = [];
    const find = portFinder(() => {
      const p = pair();
      ports.push(p);
      // The first background dies before answering; the second one answers.
      if (ports.length === 1) queueMicrotask(() => p.background.disconnect());
      else serveFindPort(p.background, false);
      return p.content as never;
    });
    expect((await find(['Error code: 0x904']))[0]?.map((f) => f.code)).toEqual([0x904]);
    expect(ports.length).toBe(2);
    const broken = portFinder(() => {
      throw new Error('Extension context invalidated.');
    });
    expect(await broken(['Error code: 0x904', 'x'])).toEqual([[], []]);
  });

  it('reads a malformed answer as no codes', async () => {
    const find = portFinder(() => {
      const p = pair();
      p.background.onMessage.addListener((m) => {
        const id = (m as { id: number }).id;
        p.background.postMessage({ id, lists: [[{ start: 0, end: 999, namespace: 'hresult', code: 1 }]] });
      });
      return p.content as never;
    });
    expect(await find(['Error code: 0x904'])).toEqual([[]]);
  });
});
