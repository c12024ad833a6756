import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { regenerateSlots } from '@termin/booking';
import { addDaysToLocalDate, localDateOf } from '@termin/domain';
import { checkA11y } from '@termin/testkit/browser';
import { noHorizontalScroll, phone, usePortal } from './portal';

// With the worker: the booking's confirmation e-mail reaches the SMTP server on loopback.
const portal = usePortal({ mail: true });
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

/** How far the page heading's text sits from each side of its box: right to left, it starts at the right. */
async function headingGaps(page: Page) {
  return page.locator('main h1').evaluate((h1) => {
    const range = document.createRange();
    range.selectNodeContents(h1);
    const [text, box] = [range.getBoundingClientRect(), h1.getBoundingClientRect()];
    return { right: Math.round(box.right - text.right), left: Math.round(text.left - box.left) };
  });
}

describe('booking in Arabic on a phone', () => {
  // Seven axe runs: more than the default time budget on a shared machine.
  it('runs right to left on every step, explains a missing consent in Arabic, books in Arabic and e-mails the confirmation in Arabic', async () => {
    const page = await open('/?lang=ar', { ...phone, locale: 'ar', timezoneId: 'Asia/Dubai' });
    expect(await direction(page)).toEqual({ dir: 'rtl', lang: 'ar', css: 'rtl' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('احجز موعدًا');
    const gaps = await headingGaps(page);
    expect(gaps.right).toBe(0);
    expect(gaps.left).toBeGreaterThan(100);
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
    // The consent box stands before its sentence, which in Arabic is to its right.
    const [box, sentence] = [await page.locator('#consent').boundingBox(), await page.locator('label.check[for="consent"]').boundingBox()];
    expect(box!.x + box!.width).toBeGreaterThan(sentence!.x + sentence!.width - 5);
    expect(box!.x).toBeGreaterThan(sentence!.x + sentence!.width / 2);
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

    // The worker confirms the booking and writes to her in Arabic, right to left.
    const mail = await portal.mailTo('layla.hassan@example.org');
    const mailDate = new Intl.DateTimeFormat('ar-u-nu-latn', { dateStyle: 'full', timeZone: tz }).format(booking.startsAt);
    expect(mail.subject).toBe(`تأكيد الموعد: Apply for an identity card في ${mailDate}`);
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.text).toContain('تم تأكيد موعدك');
    expect(mail.text).toContain(`شكرًا على حجزك. نتطلع إلى رؤيتك في ${mailDate} الساعة ${berlinTime}.`);
    expect(mail.text).toContain(`رمز الحجز: ${code}`);
  }, 90_000);
});

describe('booking in Turkish without JavaScript', () => {
  it('books end to end with no axe violation, field messages, dates and the confirmation e-mail in Turkish', async () => {
    const page = await portal.openWithoutScripts('/?lang=tr', { ...phone, locale: 'tr-TR' });
    expect(await direction(page)).toEqual({ dir: 'ltr', lang: 'tr', css: 'ltr' });
    expect(await checkA11y(page)).toEqual([]);
    await chooseTime(page, true, { service: 'Apply for an identity card', next: 'Devam' });
    await page.getByLabel('Ad soyad').fill('Ayşe Yılmaz');
    await page.getByLabel('E-posta adresi').fill('ayse.yilmaz@');
    await page.getByRole('button', { name: 'Randevuyu kesin olarak al' }).click();
    await page.waitForURL(/\/details/);
    expect(await page.locator('#email-error').textContent()).toBe('Lütfen e-posta adresinizi eksiksiz girin, örneğin isim@ornek.com.');
    expect(await page.locator('#consent-error').textContent()).toBe('Lütfen kutuyu işaretleyin. Onayınız olmadan randevuyu alamayız.');
    expect(await page.getByLabel('Ad soyad').inputValue()).toBe('Ayşe Yılmaz');
    expect(await checkA11y(page)).toEqual([]);

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
    expect(await checkA11y(page)).toEqual([]);
    // Still the page the server sent: no script of the portal ran on the way.
    expect(await page.evaluate(() => Object.keys(window).some((k) => k.startsWith('__sveltekit')))).toBe(false);

    const mail = await portal.mailTo('ayse.yilmaz@example.org');
    const mailDate = new Intl.DateTimeFormat('tr-TR', { dateStyle: 'full', timeZone: tz }).format(booking.startsAt);
    expect(mail.subject).toBe(`Randevu onaylandı: Apply for an identity card, ${mailDate}`);
    expect(mail.html).toContain('<html lang="tr" dir="ltr">');
    expect(mail.text).toContain('Randevunuz onaylandı');
    expect(mail.text).toContain(`Randevu kodu: ${code}`);
  }, 90_000);
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
