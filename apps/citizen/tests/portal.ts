/**
 * The citizen portal under test: built app, real API stack (PostgreSQL, Redis, OIDC provider) and
 * Debian's Chromium, started once per test file by `usePortal` and stopped after it.
 */
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startRunningStack, type RunningStack } from '@termin/api/testing/running-stack';
import { ensureAppBuilt, launchBrowser, startBuiltApp, type BuiltApp } from '@termin/testkit/browser';

const appDir = fileURLToPath(new URL('..', import.meta.url));

export const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

export const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

export interface Portal {
  readonly stack: RunningStack;
  readonly app: BuiltApp;
  /** A page at `path` in a new browser context (closed after each test). */
  open(path: string, options: BrowserContextOptions): Promise<Page>;
}

/** `appEnv` may be a function: read when the app starts, after earlier `beforeAll` hooks (e.g. a local server's port). */
export function usePortal(options: { apiEnv?: Record<string, string>; appEnv?: Record<string, string> | (() => Record<string, string>) } = {}): Portal {
  let stack: RunningStack;
  let app: BuiltApp;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureAppBuilt(appDir);
    const port = await getPort();
    stack = await startRunningStack({ appOrigins: [`http://127.0.0.1:${port}`], ...(options.apiEnv ? { apiEnv: options.apiEnv } : {}) });
    app = await startBuiltApp({ appDir, port, env: { API_URL: stack.apiUrl, ...(typeof options.appEnv === 'function' ? options.appEnv() : options.appEnv) } });
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stack?.close();
  });

  return {
    get stack() {
      return stack;
    },
    get app() {
      return app;
    },
    async open(path, contextOptions) {
      // Launched on first use: a file that only sends HTTP requests needs no browser.
      browser ??= await launchBrowser();
      const context = await browser.newContext(contextOptions);
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(new URL(path, app.url).href);
      return page;
    },
  };
}
