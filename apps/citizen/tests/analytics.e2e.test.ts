/**
 * Plausible only where PLAUSIBLE_URL is set: a whole booking makes requests to the portal's own
 * origin and the analytics host and nowhere else, the analytics host sets no cookie, and without
 * the setting there is neither the script nor any request for it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltApp, type BuiltApp } from '@termin/testkit/browser';
import { waitFor } from '@termin/testkit/wait';
import { fileURLToPath } from 'node:url';
import { phone, usePortal } from './portal';

// A stand-in for the self-hosted Plausible on loopback: the script reports each page view (also
// SvelteKit's client-side navigations) to /api/event of its own origin, as Plausible's does.
const SCRIPT = `(function () {
  var script = document.currentScript;
  var endpoint = new URL('/api/event', script.src).href;
  function send() {
    fetch(endpoint, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ n: 'pageview', u: location.href, d: script.getAttribute('data-domain') }) });
  }
  var push = history.pushState;
  history.pushState = function () { push.apply(this, arguments); send(); };
  send();
})();`;

interface AnalyticsEvent {
  n: string;
  u: string;
  d: string;
}
const events: AnalyticsEvent[] = [];
let analytics: Server;
let analyticsOrigin = '';

beforeAll(async () => {
  analytics = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/js/script.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(SCRIPT);
      return;
    }
    if (request.method === 'POST' && request.url === '/api/event') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        events.push(JSON.parse(body) as AnalyticsEvent);
        // Plausible answers cross-origin event posts like this; the page must accept it without a cookie.
        response.writeHead(202, { 'access-control-allow-origin': '*' }).end('ok');
      });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => analytics.listen(0, '127.0.0.1', resolve));
  // Another host name than the portal's 127.0.0.1, so cookies and requests tell the two apart.
  analyticsOrigin = `http://localhost:${(analytics.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => analytics?.close(resolve));
});

const portal = usePortal({ appEnv: () => ({ PLAUSIBLE_URL: analyticsOrigin }) });

/** Every request the page's context makes from now on, by URL. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.context().on('request', (request) => urls.push(request.url()));
  return urls;
}

async function bookFirstFreeTime(page: Page, email: string) {
  await page.getByRole('link', { name: /Bürgeramt Mitte/ }).click();
  await page.waitForURL(/\/book\/[^/]+$/);
  await page.getByRole('link', { name: 'Personalausweis beantragen' }).click();
  await page.waitForURL(/\/book\/[^/]+\/[^/?]+$/);
  await page.locator('ul.choices a').nth(1).click();
  await page.waitForURL(/\?date=\d{4}-\d{2}-\d{2}$/);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL(/\/details/);
  await page.getByLabel('Name').fill('Erika Analyse');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel(/einverstanden/).check();
  await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
  await page.waitForURL(/\/booked\//);
  await page.getByRole('heading', { level: 1, name: 'Ihr Termin ist gebucht' }).waitFor();
}

const german: BrowserContextOptions = { ...phone, locale: 'de-DE' };

describe('analytics with PLAUSIBLE_URL', () => {
  it('a whole booking talks only to the portal and the analytics host, which sets no cookie', async () => {
    const page = await portal.open('about:blank', german);
    const requests = recordRequests(page);
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(portal.app.url);
    await bookFirstFreeTime(page, 'erika.analyse@example.org');
    // Page views of the start page and of the confirmation (reached by a form post and redirect).
    await waitFor('the confirmation page view', () => events.some((e) => e.u.includes('/booked/')));

    const origins = new Set(requests.map((url) => new URL(url).origin));
    expect([...origins].sort()).toEqual([new URL(portal.app.url).origin, analyticsOrigin].sort());
    expect(requests).toContain(`${analyticsOrigin}/js/script.js`);
    expect(requests.filter((url) => url.startsWith(analyticsOrigin)).every((url) => /\/(js\/script\.js|api\/event)$/.test(url))).toBe(true);
    expect(blocked).toEqual([]);
    expect(events.every((e) => e.d === '127.0.0.1' && e.n === 'pageview')).toBe(true);
    expect(events.some((e) => new URL(e.u).pathname === '/')).toBe(true);

    const cookies = await page.context().cookies();
    expect(cookies.filter((c) => c.domain.includes('localhost'))).toEqual([]);
    expect(cookies.every((c) => c.domain === '127.0.0.1')).toBe(true);
  });

  it('allows exactly the analytics origin in the Content-Security-Policy', async () => {
    const response = await fetch(portal.app.url);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`script-src [^;]*'self'[^;]* ${analyticsOrigin}(;|$| )`));
    expect(csp).toMatch(new RegExp(`connect-src [^;]* ${analyticsOrigin}(;|$| )`));
    expect(csp).not.toMatch(/script-src[^;]*(\*|https:|http:(?!\/\/localhost))/);
    const html = await response.text();
    expect(html.match(/<script[^>]*data-domain[^>]*>/g)).toEqual([
      expect.stringMatching(new RegExp(`^<script defer[^>]* data-domain="127\\.0\\.0\\.1" src="${analyticsOrigin}/js/script\\.js">$`)),
    ]);
  });
});

describe('analytics without PLAUSIBLE_URL', () => {
  let plain: BuiltApp;
  beforeAll(async () => {
    plain = await startBuiltApp({ appDir: fileURLToPath(new URL('..', import.meta.url)), env: { API_URL: portal.stack.apiUrl } });
  });
  afterAll(async () => {
    await plain?.stop();
  });

  it('renders no script tag and sends no analytics request during a booking', async () => {
    const seen = events.length;
    const page = await portal.open('about:blank', german);
    const requests = recordRequests(page);
    await page.goto(plain.url);
    expect(await page.locator('script[data-domain]').count()).toBe(0);
    await bookFirstFreeTime(page, 'otto.ohne@example.org');
    expect(await page.locator('script[data-domain]').count()).toBe(0);
    expect(new Set(requests.map((url) => new URL(url).origin))).toEqual(new Set([new URL(plain.url).origin]));
    expect(events.length).toBe(seen);
    const csp = (await fetch(plain.url)).headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('localhost');
  });
});
