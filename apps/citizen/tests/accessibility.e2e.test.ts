import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, withoutScripts } from '@termin/testkit/browser';
import { choiceOf, freeDay, usePortal } from './portal';

/**
 * Issue #18's accessibility acceptance: axe finds no WCAG 2.1 A/AA violation on any page of the
 * citizen portal, in every language, 375 and 1280 px wide, with and without JavaScript. One booking
 * (made once through the portal) opens the pages that need one in every browser context.
 */
const portal = usePortal({ apiEnv: { RATE_LIMIT_BOOKING_MAX: '10000', RATE_LIMIT_MAX: '10000' } });

const languages = ['de', 'en', 'tr', 'ar', 'uk'] as const;
const widths = [375, 1280] as const;

interface Visit {
  name: string;
  path: string;
  /** What only this page in this state shows, so a lost cookie or a wrong state cannot pass unseen. */
  shows: string;
  /** What the citizen does on the page before axe looks (e.g. sends the form empty). */
  act?: (page: Page, scripts: boolean) => Promise<void>;
}

let visits: Visit[];
let bookingCookies: Awaited<ReturnType<BrowserContext['cookies']>>;

beforeAll(async () => {
  const choice = await choiceOf(portal, 'buergeramt-mitte', 'personalausweis');
  const day = await freeDay(portal, choice, 1);
  const [startsAt, otherStart] = await day.starts();
  const step = `/book/${choice.locationId}/${choice.serviceId}`;

  // The one booking, sent as the form would be without JavaScript; the portal hands the answer
  // and the look-up's proof over in its sealed cookies, which every context below gets.
  const setup = await portal.context({});
  const post = (path: string, form: Record<string, string>) =>
    setup.request.post(new URL(path, portal.app.url).href, { form, headers: { origin: portal.app.url, accept: 'text/html' }, maxRedirects: 0 });
  const email = 'barrierefrei@example.org';
  const booked = await post(`${step}/details?startsAt=${encodeURIComponent(startsAt!)}`, {
    startsAt: startsAt!,
    idempotencyKey: crypto.randomUUID(),
    name: 'Bea Barrierefrei',
    email,
    consent: 'on',
  });
  expect(booked.status()).toBe(303);
  const code = /\/booked\/(.+)$/.exec(booked.headers().location!)![1]!;
  expect((await post(`/manage/${code}?/lookup`, { email })).status()).toBe(303);
  bookingCookies = (await setup.cookies()).filter((c) => c.name === 'termin_booked' || c.name === 'termin_manage');
  expect(bookingCookies).toHaveLength(2);

  const sendEmpty = async (page: Page, scripts: boolean) => {
    const answered = scripts ? page.waitForResponse((r) => r.request().method() === 'POST') : page.waitForNavigation();
    await page.locator('main form button[type=submit]').click();
    await answered;
    await page.getByRole('alert').first().waitFor();
  };
  visits = [
    { name: 'offices', path: '/', shows: `main a[href="/book/${choice.locationId}"]` },
    { name: 'services', path: `/book/${choice.locationId}`, shows: `main a[href="${step}"]` },
    { name: 'day', path: step, shows: `ul.days a[data-date="${day.date}"]` },
    { name: 'time', path: `${step}?date=${day.date}`, shows: 'input[type="radio"][name="startsAt"]' },
    { name: 'details', path: `${step}/details?startsAt=${encodeURIComponent(otherStart!)}`, shows: '#consent:not([aria-invalid])' },
    { name: 'details-errors', path: `${step}/details?startsAt=${encodeURIComponent(otherStart!)}`, shows: '#consent-error', act: sendEmpty },
    { name: 'confirmation', path: `/booked/${code}`, shows: 'dd.code' },
    { name: 'manage-lookup', path: '/manage/ABCD-EFGH-JKMN-PQRS', shows: 'input[type="email"]' },
    { name: 'manage', path: `/manage/${code}`, shows: `a[href="/manage/${code}?step=cancel"]` },
    { name: 'cancel', path: `/manage/${code}?step=cancel`, shows: 'form[action="?/cancel"]' },
    { name: 'reschedule-day', path: `/manage/${code}?step=reschedule`, shows: 'ul.days a' },
    { name: 'reschedule-time', path: `/manage/${code}?step=reschedule&date=${day.date}`, shows: 'form[action$="&/reschedule"] input[type="radio"]' },
    { name: 'checkin', path: `/checkin/${code}`, shows: 'p.code' },
    { name: 'impressum', path: '/impressum', shows: '.legal-text' },
    { name: 'datenschutz', path: '/datenschutz', shows: '.legal-text' },
    { name: 'barrierefreiheit', path: '/barrierefreiheit', shows: '.legal-text' },
    { name: 'not-found', path: '/gibt-es-nicht', shows: 'main p:text-is("404")' },
  ];
});

/** Goes to `path` as the citizen would: with JavaScript through the app's router, without as a page load. */
async function go(page: Page, path: string, scripts: boolean, first: boolean) {
  const url = new URL(path, portal.app.url).href;
  if (first || !scripts) {
    await page.goto(url);
    if (scripts) await page.waitForFunction(() => Object.keys(window).some((k) => k.startsWith('__sveltekit')));
    return;
  }
  // A click on a link is what SvelteKit's router takes over: the page is then rendered in the browser.
  await Promise.all([
    page.waitForURL(url),
    page.evaluate((href) => {
      const link = Object.assign(document.createElement('a'), { href });
      document.body.append(link);
      link.click();
      link.remove();
    }, url),
  ]);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Every page in one language, at both widths, with or without scripts: what axe found, one line each. */
async function walk(lang: (typeof languages)[number], scripts: boolean): Promise<string[]> {
  const context = await portal.context({ viewport: { width: widths[0], height: 740 }, locale: lang });
  await context.addCookies(bookingCookies);
  const page = await context.newPage();
  if (!scripts) await withoutScripts(page);
  await page.goto(new URL(`/?lang=${lang}`, portal.app.url).href);

  const found: string[] = [];
  let width: number = widths[0];
  for (const [i, visit] of visits.entries()) {
    await go(page, visit.path, scripts, i === 0);
    await visit.act?.(page, scripts);
    const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
    expect(html, visit.name).toEqual({ lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
    expect(await page.locator(visit.shows).count(), `${visit.name} shows ${visit.shows}`).toBeGreaterThan(0);
    // Both widths on the one page load: the next page starts at the width this one ended with.
    for (const next of width === widths[0] ? widths : [...widths].reverse()) {
      if (next !== width) await page.setViewportSize({ width: next, height: 740 });
      width = next;
      for (const v of await checkA11y(page)) {
        found.push(`${visit.name} ${width}px${scripts ? '' : ' without scripts'}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
  }
  return found;
}

describe('axe on every citizen page', () => {
  // The two walks of a language share the browser: one waits on the portal while the other runs axe.
  it.each(languages)(
    'finds no WCAG 2.1 AA violation in %s, at 375 and 1280 px, with and without scripts',
    async (lang) => {
      const [withScripts, withoutThem] = await Promise.all([walk(lang, true), walk(lang, false)]);
      expect([...withScripts, ...withoutThem]).toEqual([]);
      // 68 axe runs: well past the default budget when the machine is busy.
    },
    90_000,
  );
});
