/**
 * The recent-hosts list, owned by the background. It lives in the extension origin's IndexedDB,
 * which web pages and content scripts cannot open (they see their page's origin), and is served
 * to extension pages on request (see `index.ts`). Writes are serialised so two quick checks
 * cannot lose one another's host.
 */
import {
  type HostOutcome,
  normalizeEntries,
  type RecentHost,
  withHost,
  withOutcome,
  withoutHost,
} from '../lib/recent-hosts.js';

/** Where the list is kept: one value, read and written whole. */
export interface HistoryCell {
  read(): Promise<unknown>;
  write(value: RecentHost[]): Promise<void>;
}

export class HistoryStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly cell: HistoryCell,
    private readonly now: () => number = Date.now,
  ) {}

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The servers checked before, newest first, with when each was last checked. */
  async entries(): Promise<RecentHost[]> {
    try {
      return normalizeEntries(await this.cell.read());
    } catch {
      return [];
    }
  }

  /** The hosts alone. */
  async list(): Promise<string[]> {
    return (await this.entries()).map((e) => e.host);
  }

  private change(op: (list: RecentHost[]) => RecentHost[]): Promise<RecentHost[]> {
    return this.serial(async () => {
      const next = op(await this.entries());
      await this.cell.write(next);
      return next;
    });
  }

  async remember(host: string): Promise<string[]> {
    return (await this.change((list) => withHost(list, host, this.now()))).map((e) => e.host);
  }

  /** Records how the last check of a listed host ended; answers the entries. */
  record(host: string, outcome: HostOutcome): Promise<RecentHost[]> {
    return this.change((list) => withOutcome(list, host, outcome));
  }

  /** Forgets one host; answers the entries left. */
  remove(host: string): Promise<RecentHost[]> {
    return this.change((list) => withoutHost(list, host));
  }

  clear(): Promise<string[]> {
    return this.serial(async () => {
      await this.cell.write([]);
      return [];
    });
  }
}

const DB_NAME = 'rdp-doctor';
const STORE = 'history';
const KEY = 'recentHosts';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
}

let db: Promise<IDBDatabase> | null = null;
function open(): Promise<IDBDatabase> {
  if (!db) {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    db = request(r).catch((e) => {
      db = null;
      throw e;
    });
  }
  return db;
}

/** The cell in the extension's IndexedDB. */
export const indexedDbCell: HistoryCell = {
  async read() {
    const d = await open();
    return request(d.transaction(STORE, 'readonly').objectStore(STORE).get(KEY));
  },
  async write(value) {
    const d = await open();
    const tx = d.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(value, KEY);
    await new Promise<void>((ok, fail) => {
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
      tx.onabort = () => fail(tx.error);
    });
  },
};
