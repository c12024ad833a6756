import { fileURLToPath } from 'node:url';
import { checkA11y, ensureAppBuilt, launchBrowser, startBuiltApp, type BuiltApp } from '@termin/testkit/browser';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const appDir = fileURLToPath(new URL('..', import.meta.url));

let app: BuiltApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await ensureAppBuilt(appDir);
  app = await startBuiltApp({ appDir });
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  // Waiting for the network to settle lets the page hydrate before the test touches it.
  await page.goto(new URL(path, app.url).href, { waitUntil: 'networkidle' });
  return page;
}

describe('citizen home page', () => {
  it('is German for a browser that asks for a language we do not offer', async () => {
    const page = await open('/', { locale: 'fr-FR' });
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Termin buchen');
    expect(await page.title()).toBe('Termin buchen – aitema|Termin');
  });

  it('is English with ?lang=en and stays English on the next visit', async () => {
    const page = await open('/?lang=en', { locale: 'de-DE' });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Book an appointment');

    await page.goto(app.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Book an appointment');
  });

  it('follows the language the browser asks for', async () => {
    const page = await open('/', { locale: 'en-GB' });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('switches language through plain links with JavaScript disabled', async () => {
    const page = await open('/', { locale: 'de-DE', javaScriptEnabled: false });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Termin buchen');
    // This test runs the portal without an API: it says so instead of failing.
    expect(await page.getByRole('alert').textContent()).toContain('Die Terminbuchung ist gerade nicht erreichbar');

    await page.getByRole('navigation', { name: 'Sprache wählen' }).getByRole('link', { name: 'English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Book an appointment');

    await page.getByRole('navigation', { name: 'Choose language' }).getByRole('link', { name: 'Deutsch' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Termin buchen');
  });

  it('lets keyboard users skip straight to the content', async () => {
    const page = await open('/', { locale: 'de-DE' });
    const skipLink = page.getByRole('link', { name: 'Zum Inhalt springen' });
    const hidden = await skipLink.boundingBox();
    expect(hidden!.y + hidden!.height).toBeLessThanOrEqual(0);

    await page.keyboard.press('Tab');
    expect(await skipLink.evaluate((element) => element === document.activeElement)).toBe(true);
    const shown = await skipLink.boundingBox();
    expect(shown!.y).toBeGreaterThanOrEqual(0);

    await page.keyboard.press('Enter');
    expect(await page.locator('main').evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('has no WCAG 2.1 AA violations in German and English', async () => {
    const german = await open('/', { locale: 'de-DE' });
    expect(await checkA11y(german)).toEqual([]);
    const english = await open('/?lang=en');
    expect(await checkA11y(english)).toEqual([]);
  });

  it('fits a 375px wide phone screen without horizontal scrolling', async () => {
    const page = await open('/', { locale: 'de-DE', viewport: { width: 375, height: 667 }, isMobile: true });
    const widths = await page.evaluate(() => ({
      content: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.viewport).toBe(375);
    expect(widths.content).toBeLessThanOrEqual(widths.viewport);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
  });
});

describe('citizen /health', () => {
  it('answers JSON naming the app', async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ status: 'ok', app: 'citizen' });
  });
});
