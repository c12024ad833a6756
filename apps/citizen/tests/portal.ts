/**
 * The citizen portal under test: built app, real API stack (PostgreSQL, Redis, OIDC provider) and
 * Debian's Chromium, started once per test file by `usePortal` and stopped after it; with `mail`,
 * also the worker, which confirms bookings and sends their e-mails to an SMTP server on loopback.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startRunningStack, type RunningStack } from '@termin/api/testing/running-stack';
import type { AvailabilityDays, AvailabilitySlots } from '@termin/contracts';
import { startSmtpSink, type SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { ensureAppBuilt, launchBrowser, startBuiltApp, withoutScripts, type BuiltApp } from '@termin/testkit/browser';
import { waitFor } from '@termin/testkit/wait';
import { createWorker, type WorkerApp } from '@termin/worker';
import { stackWorkerConfig } from '@termin/worker/testing';
import { logCapture } from '@termin/testkit/log-capture';

type ParsedMail = SmtpSink['messages'][number];

const appDir = fileURLToPath(new URL('..', import.meta.url));

export const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

export const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** A folder for a test file's screenshots, under the git-ignored test results. */
export function screenshotFolder(name: string): string {
  const folder = fileURLToPath(new URL(`../../../.test-results/${name}/`, import.meta.url));
  mkdirSync(folder, { recursive: true });
  return folder;
}

export interface Portal {
  readonly stack: RunningStack;
  readonly app: BuiltApp;
  /** A new browser context (closed after each test). */
  context(options: BrowserContextOptions): Promise<BrowserContext>;
  /** A page at `path` in a new browser context (closed after each test). */
  open(path: string, options: BrowserContextOptions): Promise<Page>;
  /** As `open`, the page's scripts switched off as by `javaScriptEnabled: false`, but axe can still check it. */
  openWithoutScripts(path: string, options: BrowserContextOptions): Promise<Page>;
  /** The e-mail sent to `address` with a subject matching `subject` (only with `mail`), once it arrived. */
  mailTo(address: string, subject?: RegExp): Promise<ParsedMail>;
}

/** `appEnv` may be a function: read when the app starts, after earlier `beforeAll` hooks (e.g. a local server's port). */
export function usePortal(options: { apiEnv?: Record<string, string>; appEnv?: Record<string, string> | (() => Record<string, string>); mail?: boolean } = {}): Portal {
  let stack: RunningStack;
  let app: BuiltApp;
  let browser: Browser | undefined;
  let sink: SmtpSink | undefined;
  let worker: WorkerApp | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureAppBuilt(appDir);
    const port = await getPort();
    stack = await startRunningStack({ appOrigins: [`http://127.0.0.1:${port}`], ...(options.apiEnv ? { apiEnv: options.apiEnv } : {}) });
    app = await startBuiltApp({ appDir, port, env: { API_URL: stack.apiUrl, ...(typeof options.appEnv === 'function' ? options.appEnv() : options.appEnv) } });
    if (options.mail) {
      sink = await startSmtpSink();
      worker = createWorker({ logStream: logCapture('worker'), config: stackWorkerConfig(stack, sink.port, app.url) });
      await worker.start();
    }
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await sink?.close();
    await app?.stop();
    await stack?.close();
  });

  async function context(contextOptions: BrowserContextOptions) {
    // Launched on first use: a file that only sends HTTP requests needs no browser.
    browser ??= await launchBrowser();
    const made = await browser.newContext(contextOptions);
    contexts.push(made);
    return made;
  }

  return {
    get stack() {
      return stack;
    },
    get app() {
      return app;
    },
    context,
    async open(path, contextOptions) {
      const page = await (await context(contextOptions)).newPage();
      await page.goto(new URL(path, app.url).href);
      return page;
    },
    async openWithoutScripts(path, contextOptions) {
      const page = await withoutScripts(await (await context(contextOptions)).newPage());
      await page.goto(new URL(path, app.url).href);
      return page;
    },
    async mailTo(address, subject = /./) {
      if (!sink) throw new Error('usePortal({ mail: true }) starts the worker and the SMTP server');
      const { messages } = sink;
      const to = (mail: ParsedMail) => [mail.to ?? []].flat().some((a) => a.value.some((v) => v.address === address));
      return waitFor(`an e-mail to ${address} about ${subject}`, () => messages.find((m) => to(m) && subject.test(m.subject ?? '')));
    },
  };
}

/** The ids of the demo's office and service with these slugs. */
export async function choiceOf(portal: Portal, locationSlug: string, serviceSlug: string) {
  const location = await portal.stack.db.location.findFirstOrThrow({ where: { slug: locationSlug } });
  const service = await portal.stack.db.service.findFirstOrThrow({ where: { slug: serviceSlug } });
  return { locationId: location.id, serviceId: service.id };
}

/** The free start times of the n-th bookable day after today (today's lead time moves while a test runs). */
export async function freeDay(portal: Portal, choice: { locationId: string; serviceId: string }, n: number) {
  const base = `${portal.stack.apiUrl}/api/v1/tenants/demo/locations/${choice.locationId}/availability`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
  const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const days = (await (await fetch(`${base}/days?serviceId=${choice.serviceId}&from=${today}&to=${to}`)).json()) as AvailabilityDays;
  const date = days.days.filter((d) => d !== today)[n]!;
  const starts = async () => {
    const slots = (await (await fetch(`${base}/slots?serviceId=${choice.serviceId}&date=${date}`)).json()) as AvailabilitySlots;
    return slots.slots.map((s) => s.startsAt);
  };
  return { date, starts };
}

/** How the focused element shows its focus: its outline or box shadow, null when it shows none. */
export async function focusIndicator(page: Page): Promise<{ element: string; indicator: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { element: 'body', indicator: null };
    const style = getComputedStyle(element);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : null;
    const shadow = style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : null;
    const name = `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
    return { element: name, indicator: outline ?? shadow };
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches `selector`, asserting at
 * every stop on the way that the focus can be seen; fails after `limit` presses.
 */
export async function tabTo(page: Page, selector: string, { back = false, limit = 40 } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = await focusIndicator(page);
    expect(focus.indicator, `focus on ${focus.element} is visible`).not.toBeNull();
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached with ${limit} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}
