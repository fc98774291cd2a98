/**
 * The set-up the page tests share: the pages server on loopback and Chromium with the extension
 * (no helper) resolving the served sites' names to it, started before a describe block's tests and
 * stopped after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { type Launched, launch } from './browser.js';
import { type PagesServer, startPagesServer } from './pages-server.js';

export interface PagesSuite {
  readonly srv: PagesServer;
  readonly b: Launched;
}

/** Call inside `describe`: the server and browser are there from `beforeAll` on. */
export function usePagesBrowser(ready?: (s: PagesSuite) => Promise<void>): PagesSuite {
  let srv: PagesServer | undefined;
  let b: Launched | undefined;
  const suite: PagesSuite = {
    get srv() {
      return srv!;
    },
    get b() {
      return b!;
    },
  };
  beforeAll(async () => {
    srv = await startPagesServer();
    b = await launch({ installHost: false, args: srv.chromiumArgs });
    await ready?.(suite);
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });
  return suite;
}
