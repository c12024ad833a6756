import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { regenerateSlots } from '@termin/booking';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';
import { checkA11y } from '@termin/testkit/browser';
import { noHorizontalScroll, phone, usePortal } from './portal';

const portal = usePortal();
const { open } = portal;

const tz = 'Europe/Berlin';

/** Office, service, the second free day (today's first time could pass while the test types), first time. */
async function chooseTime(page: Page, a11y: boolean, names: { service: string; next: string }) {
  await page.getByRole('link', { name: /Bürgeramt Mitte/ }).click();
  await page.waitForURL(/\/book\/[^/]+$/);
  if (a11y) expect(await checkA11y(page)).toEqual([]);
  await page.getByRole('link', { name: names.service }).click();
  await page.waitForURL(/\/book\/[^/]+\/[^/?]+$/);
  if (a11y) expect(await checkA11y(page)).toEqual([]);
  await page.locator('ul.days a').nth(1).click();
  await page.waitForURL(/\?date=\d{4}-\d{2}-\d{2}$/);
  if (a11y) expect(await checkA11y(page)).toEqual([]);
  await page.getByRole('button', { name: names.next }).click();
  await page.waitForURL(/\/details\?startsAt=/);
}

async function direction(page: Page) {
  return page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang, css: getComputedStyle(document.body).direction }));
}

describe('booking in Arabic on a phone', () => {
  // Seven axe runs: more than the default time budget on a shared machine.
  it('runs right to left on every step, explains a missing consent in Arabic and books in Arabic', async () => {
    const page = await open('/?lang=ar', { ...phone, locale: 'ar', timezoneId: 'Asia/Dubai' });
    expect(await direction(page)).toEqual({ dir: 'rtl', lang: 'ar', css: 'rtl' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('احجز موعدًا');
    expect(await checkA11y(page)).toEqual([]);

    await page.getByRole('link', { name: /Bürgeramt Mitte/ }).click();
    await page.waitForURL(/\/book\/[^/]+$/);
    await page.getByRole('link', { name: 'Apply for an identity card' }).click();
    await page.waitForURL(/\/book\/[^/]+\/[^/?]+$/);
    expect(await direction(page)).toEqual({ dir: 'rtl', lang: 'ar', css: 'rtl' });
    // Mirrored calendar: within a week, the earlier day sits further right.
    const week = page
      .locator('section.week')
      .filter({ has: page.locator('ul.days li:nth-child(2)') })
      .first();
    const [earlier, later] = [await week.locator('ul.days a').nth(0).boundingBox(), await week.locator('ul.days a').nth(1).boundingBox()];
    expect(earlier!.x).toBeGreaterThan(later!.x);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.goto(new URL('/', portal.app.url).href);

    await chooseTime(page, true, { service: 'Apply for an identity card', next: 'متابعة' });
    await page.getByLabel('الاسم').fill('ليلى حسن');
    await page.getByLabel('البريد الإلكتروني').fill('layla.hassan@example.org');
    await page.getByRole('button', { name: 'احجز الموعد نهائيًا' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#consent-error').textContent()).toBe('يرجى وضع علامة في المربع. لا يمكننا حجز الموعد بدون موافقتك.');
    expect(await page.getByRole('alert').textContent()).not.toMatch(/[A-Za-z]{4,}/);
    expect(await checkA11y(page)).toEqual([]);

    await page.getByLabel(/أوافق/).check();
    await page.getByRole('button', { name: 'احجز الموعد نهائيًا' }).click();
    await page.waitForURL(/\/booked\//);
    expect(await direction(page)).toEqual({ dir: 'rtl', lang: 'ar', css: 'rtl' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('تم حجز موعدك');
    const code = (await page.locator('dd.code').textContent())!;
    const booking = await portal.stack.db.appointment.findUniqueOrThrow({ where: { bookingCode: code } });
    expect(booking.language).toBe('ar');
    const berlinTime = new Intl.DateTimeFormat('ar-u-nu-latn', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: tz }).format(booking.startsAt);
    const berlinDate = new Intl.DateTimeFormat('ar-u-nu-latn', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: tz }).format(
      booking.startsAt,
    );
    expect(await page.locator('dl').textContent()).toContain(`${berlinDate}, الساعة ${berlinTime}`);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await checkA11y(page)).toEqual([]);
  }, 90_000);
});

describe('booking in Turkish without JavaScript', () => {
  it('books end to end, field messages in Turkish, dates in Turkish', async () => {
    const page = await open('/?lang=tr', { ...phone, locale: 'tr-TR', javaScriptEnabled: false });
    expect(await direction(page)).toEqual({ dir: 'ltr', lang: 'tr', css: 'ltr' });
    await chooseTime(page, false, { service: 'Apply for an identity card', next: 'Devam' });
    await page.getByLabel('Ad soyad').fill('Ayşe Yılmaz');
    await page.getByLabel('E-posta adresi').fill('ayse.yilmaz@');
    await page.getByRole('button', { name: 'Randevuyu kesin olarak al' }).click();
    await page.waitForURL(/\/details/);
    expect(await page.locator('#email-error').textContent()).toBe('Lütfen e-posta adresinizi eksiksiz girin, örneğin isim@ornek.com.');
    expect(await page.locator('#consent-error').textContent()).toBe('Lütfen kutuyu işaretleyin. Onayınız olmadan randevuyu alamayız.');
    expect(await page.getByLabel('Ad soyad').inputValue()).toBe('Ayşe Yılmaz');

    await page.getByLabel('E-posta adresi').fill('ayse.yilmaz@example.org');
    await page.getByLabel(/kabul ediyorum/).check();
    await page.getByRole('button', { name: 'Randevuyu kesin olarak al' }).click();
    await page.waitForURL(/\/booked\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Randevunuz alındı');
    const code = (await page.locator('dd.code').textContent())!;
    const booking = await portal.stack.db.appointment.findUniqueOrThrow({ where: { bookingCode: code } });
    expect(booking.language).toBe('tr');
    const turkishDate = new Intl.DateTimeFormat('tr-TR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: tz }).format(booking.startsAt);
    expect(await page.locator('dl').textContent()).toContain(turkishDate);
    expect(await noHorizontalScroll(page)).toBe(true);
  });
});

describe('the day step', () => {
  it('reaches the last day of the booking horizon, week by week, also without JavaScript', async () => {
    const { db } = portal.stack;
    const tenant = await db.tenant.findFirstOrThrow();
    const office = await db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });
    const service = await db.service.findFirstOrThrow({ where: { slug: 'personalausweis' } });
    // Slots beyond the horizon too: the calendar must stop at the horizon, not at the slots.
    const now = new Date();
    const today = localDateOf(now, tz);
    await regenerateSlots({ db, locationId: office.id, from: today, to: addDaysToLocalDate(today, tenant.bookingHorizonDays + 7), now });
    const horizonEnd = new Date(now.getTime() + tenant.bookingHorizonDays * 86_400_000);
    const lastSlot = await db.timeSlot.findFirstOrThrow({ where: { locationId: office.id, startsAt: { lte: horizonEnd } }, orderBy: { startsAt: 'desc' } });
    const lastFreeDay = localDateOf(lastSlot.startsAt, tz);
    expect(lastFreeDay > addDaysToLocalDate(today, 28)).toBe(true);

    const page = await open(`/book/${office.id}/${service.id}?lang=de`, { ...phone, locale: 'de-DE', javaScriptEnabled: false });
    const dates = await page.locator('ul.days a').evaluateAll((links) => links.map((a) => a.getAttribute('data-date')!));
    expect(dates.at(-1)).toBe(lastFreeDay);
    expect(dates.every((d) => d <= lastFreeDay)).toBe(true);
    // Each week its own heading; a day's link says its full date.
    const weeks = await page.locator('section.week h3').allTextContents();
    expect(weeks.length).toBeGreaterThanOrEqual(8);
    expect(weeks[0]).toMatch(/^Woche vom /);
    const last = page.locator(`ul.days a[data-date="${lastFreeDay}"]`);
    const fullDate = new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: tz }).format(
      new Date(`${lastFreeDay}T12:00:00Z`),
    );
    expect(await page.getByRole('link', { name: fullDate, exact: true }).getAttribute('href')).toBe(await last.getAttribute('href'));
    await last.click();
    await page.waitForURL(new RegExp(`\\?date=${lastFreeDay}$`));
    expect(await page.getByRole('radio').count()).toBeGreaterThan(0);
  });
});
