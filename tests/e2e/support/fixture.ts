/**
 * One real server and one Chromium per test file, the client built first. Each test makes its
 * own board and its own browser contexts (one per person), closed after the test.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../helpers/server';
import { ensureClientBuilt } from './build';
import { launchBrowser, newPerson, type PersonOptions } from './browser';

export interface E2E {
  server(): TestServer;
  browser(): Browser;
  /** A new person: their own context (storage, IndexedDB, network) and page. */
  person(opts?: PersonOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/** Registers the hooks of an end-to-end test file and returns accessors. */
export function useE2E(): E2E {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    server: () => {
      if (!server) throw new Error('server not started');
      return server;
    },
    browser: () => {
      if (!browser) throw new Error('browser not launched');
      return browser;
    },
    async person(opts) {
      if (!browser) throw new Error('browser not launched');
      const p = await newPerson(browser, opts);
      contexts.push(p.context);
      return p;
    },
  };
}
