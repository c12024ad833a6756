/**
 * The tests that follow one story across apps (admin → citizen portal → staff): the API stack, the
 * built apps on their own ports, optionally the worker with an SMTP server on loopback, and one
 * browser whose contexts are closed after each test. Registers its own hooks.
 */
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startRunningStack, type RunningStack } from '@termin/api/testing/running-stack';
import { defaultDevPassword } from '@termin/dev-idp';
import { startSmtpSink, type SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { ensureAppBuilt, launchBrowser, signInThroughProvider, startBuiltApp, type BuiltApp } from '@termin/testkit/browser';
import { createWorker, type WorkerApp } from '@termin/worker';
import { stackWorkerConfig } from '@termin/worker/testing';
import { logCapture } from '@termin/testkit/log-capture';

type AppName = 'admin' | 'staff' | 'citizen';
const appDir = (name: AppName) => fileURLToPath(new URL(`../../${name}`, import.meta.url));
const sourcesOf = (extra: string[] = []) => [
  'src',
  'svelte.config.js',
  'vite.config.ts',
  ...['ui', 'web-kit', 'web-auth', 'contracts', 'config', ...extra].map((p) => `../../packages/${p}/src`),
];
const SESSION_SECRET = 'e2e-session-secret-e2e-session-secret';

export interface AppsUnderTest {
  readonly stack: RunningStack;
  readonly apps: Record<AppName, BuiltApp>;
  /** Only with `worker: true`. */
  readonly sink: SmtpSink;
  readonly worker: WorkerApp;
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A page of `app` at `path`, signed in as `username` through the development OIDC provider. */
  signedIn(app: BuiltApp, username: string, path?: string): Promise<Page>;
}

export function useAppsUnderTest(options: { apps: AppName[]; stack?: Omit<Parameters<typeof startRunningStack>[0], 'appOrigins'>; worker?: boolean }): AppsUnderTest {
  let stack: RunningStack | undefined;
  const apps: Partial<Record<AppName, BuiltApp>> = {};
  let sink: SmtpSink | undefined;
  let worker: WorkerApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what} in this test's set-up`);
    return value;
  };

  beforeAll(async () => {
    for (const name of options.apps) await ensureAppBuilt(appDir(name), { sources: sourcesOf(name === 'citizen' ? ['domain'] : []) });
    const ports = Object.fromEntries(await Promise.all(options.apps.map(async (name) => [name, await getPort()] as const))) as Record<AppName, number>;
    // Only the signed-in apps talk to the identity provider; the portal is public.
    const signedInApps = options.apps.filter((name) => name !== 'citizen');
    stack = await startRunningStack({ ...options.stack, appOrigins: signedInApps.map((name) => `http://127.0.0.1:${ports[name]}`) });
    for (const name of options.apps) {
      const env: Record<string, string> =
        name === 'citizen' ? { API_URL: stack.apiUrl } : { OIDC_ISSUER: stack.idp.issuer, API_URL: stack.apiUrl, PUBLIC_API_URL: stack.apiUrl, SESSION_SECRET };
      apps[name] = await startBuiltApp({ appDir: appDir(name), port: ports[name], env });
    }
    if (options.worker) {
      sink = await startSmtpSink();
      worker = createWorker({ logStream: logCapture('worker'), config: stackWorkerConfig(stack, sink.port, apps.citizen?.url) });
      await worker.start();
    }
    browser = await launchBrowser();
  }, 600_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await sink?.close();
    await Promise.all(Object.values(apps).map((app) => app.stop()));
    await stack?.close();
  });

  async function newPage(contextOptions: BrowserContextOptions = {}) {
    const context = await need(browser, 'browser').newContext({ locale: 'de-DE', ...contextOptions });
    contexts.push(context);
    return context.newPage();
  }

  return {
    get stack() {
      return need(stack, 'stack');
    },
    apps: apps as Record<AppName, BuiltApp>,
    get sink() {
      return need(sink, 'SMTP server');
    },
    get worker() {
      return need(worker, 'worker');
    },
    newPage,
    async signedIn(app, username, path = '/') {
      const page = await newPage();
      await page.goto(new URL(path, app.url).href);
      await signInThroughProvider(page, { username, password: defaultDevPassword(username) }, app.url);
      return page;
    },
  };
}
