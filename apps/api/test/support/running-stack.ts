import getPort from 'get-port';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { loadApiConfig } from '@termin/config';
import { createPrismaClient, type Db } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { regenerateSlots } from '@termin/booking';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';
import { defaultDevPassword, startDevIdp, type DevIdp, type DevIdpUser } from '@termin/dev-idp';
import { ensureAppBuilt, launchBrowser, signInThroughProvider, startBuiltApp, type BuiltApp } from '@termin/testkit/browser';
import { createTestDatabase } from '@termin/testkit/database';
import { createTestRedis } from '@termin/testkit/redis';
import { buildApp, type App } from '../../src/app';
import { logCapture } from '@termin/testkit/log-capture';

export interface RunningStack {
  /** The API listening on a free loopback port. */
  apiUrl: string;
  /** Where the API keeps its data, for a worker of the same test. */
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  app: App;
  idp: DevIdp;
  db: Db;
  /** Stops the API as a shutdown would (sockets closed, Redis and database let go); the rest keeps running. */
  stopApi(): Promise<void>;
  /** Starts a fresh API on the same address after `stopApi`, as a restarted process would. */
  startApi(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the web apps' browser tests talk to: the development OIDC provider (accepting the given app
 * origins as redirect targets) and a real API on its own database (demo data) and Redis prefix.
 * `apiEnv` overrides the API's environment (e.g. limits a test file would otherwise run into).
 */
export async function startRunningStack(options: {
  appOrigins: string[];
  apiEnv?: Record<string, string>;
  /** The API's clock (a test clock to move the day forward); the real one by default. */
  now?: () => Date;
  /** Accounts in addition to the realm's demo users (e.g. a clerk of an office the test creates). */
  users?: DevIdpUser[];
}): Promise<RunningStack> {
  const idp = await startDevIdp({ port: 0, env: { NODE_ENV: 'test' }, extraAppOrigins: options.appOrigins, ...(options.users ? { users: options.users } : {}) });
  const database = await createTestDatabase();
  const redis = await createTestRedis();
  const db = createPrismaClient({ databaseUrl: database.url });
  await seedDemo(db);
  // Bookable slots for the next three weeks, as the start command's seed makes them.
  const now = new Date();
  const today = localDateOf(now, 'Europe/Berlin');
  for (const location of await db.location.findMany()) {
    await regenerateSlots({ db, locationId: location.id, from: today, to: addDaysToLocalDate(today, 21), now });
  }
  const config = loadApiConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
    CONTACT_HASH_SECRET: 'stack-secret-stack-secret-stack-secret',
    OIDC_ISSUER: idp.issuer,
    CORS_ORIGINS: options.appOrigins.join(','),
    // Every visitor of a browser test comes from loopback: the booking budget is tested on its own.
    BOOKING_BUDGET_PER_ADDRESS: '100000',
    BOOKING_BUDGET_PER_NETWORK: '100000',
    ...options.apiEnv,
  });
  let app: App | null = await buildApp({ config, logStream: logCapture('api'), ...(options.now ? { now: options.now } : {}) });
  const apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(apiUrl).port);
  return {
    apiUrl,
    databaseUrl: database.url,
    redisUrl: redis.url,
    redisPrefix: redis.prefix,
    get app() {
      if (!app) throw new Error('the API is stopped');
      return app;
    },
    idp,
    db,
    async stopApi() {
      await app?.close();
      app = null;
    },
    async startApi() {
      if (app) throw new Error('the API is running');
      const fresh = await buildApp({ config, logStream: logCapture('api'), ...(options.now ? { now: options.now } : {}) });
      await fresh.listen({ port, host: '127.0.0.1' });
      app = fresh;
    },
    async close() {
      await app?.close();
      await db.$disconnect();
      await idp.close();
      await redis.cleanup();
      await database.drop();
    },
  };
}

/** A built SvelteKit app (staff or admin) signed in against the running stack, in Debian chromium. */
export interface WebAppUnderTest {
  stack: RunningStack;
  app: BuiltApp;
  newPage(options?: BrowserContextOptions): Promise<{ page: Page; context: BrowserContext }>;
  /** Opens `path`, signs in through the provider's form as `username`, and returns on the app. */
  signedIn(username: string, path?: string, options?: BrowserContextOptions): Promise<{ page: Page; context: BrowserContext }>;
  closeContexts(): Promise<void>;
  close(): Promise<void>;
}

/** `browserArgs`: further Chromium flags for this file's browser (a fake camera, say); `apiEnv` as for `startRunningStack`. */
export async function startWebAppUnderTest(appDir: string, options: { browserArgs?: string[]; apiEnv?: Record<string, string> } = {}): Promise<WebAppUnderTest> {
  await ensureAppBuilt(appDir);
  const port = await getPort();
  // Every screen of a browser test reaches the API through the one app server on loopback, so the
  // per-address limit would count a whole office's screens as one visitor; the limit itself is
  // tested in apps/api/test/rate-limit.test.ts.
  const stack = await startRunningStack({ appOrigins: [`http://127.0.0.1:${port}`], apiEnv: { RATE_LIMIT_MAX: '10000', ...options.apiEnv } });
  const app = await startBuiltApp({
    appDir,
    port,
    env: { OIDC_ISSUER: stack.idp.issuer, API_URL: stack.apiUrl, PUBLIC_API_URL: stack.apiUrl, SESSION_SECRET: 'e2e-session-secret-e2e-session-secret' },
  });
  const browser: Browser = await launchBrowser({ args: options.browserArgs ?? [] });
  const contexts: BrowserContext[] = [];
  const newPage = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext(options);
    contexts.push(context);
    return { page: await context.newPage(), context };
  };
  return {
    stack,
    app,
    newPage,
    async signedIn(username, path = '/', options = {}) {
      const opened = await newPage(options);
      await opened.page.goto(new URL(path, app.url).href);
      await signInThroughProvider(opened.page, { username, password: defaultDevPassword(username) }, app.url);
      return opened;
    },
    async closeContexts() {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    },
    async close() {
      await browser.close();
      await app.stop();
      await stack.close();
    },
  };
}

/** The app under test of one test file: started before its tests, browser contexts closed after each, all stopped at the end. */
export function useWebAppUnderTest(appDir: string): WebAppUnderTest {
  let started: WebAppUnderTest | undefined;
  beforeAll(async () => {
    started = await startWebAppUnderTest(appDir);
    // A fresh clone builds the app first; on a busy 2-core machine that alone can take minutes.
  }, 300_000);
  afterEach(async () => started?.closeContexts());
  afterAll(async () => started?.close());
  const get = () => {
    if (!started) throw new Error('the app under test has not started');
    return started;
  };
  return {
    get stack() {
      return get().stack;
    },
    get app() {
      return get().app;
    },
    newPage: (options) => get().newPage(options),
    signedIn: (username, path, options) => get().signedIn(username, path, options),
    closeContexts: () => get().closeContexts(),
    close: () => get().close(),
  };
}
