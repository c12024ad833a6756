import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y, loadedImageWidth } from '@termin/testkit/browser';
import { noHorizontalScroll, phone, usePortal } from './portal';

const portal = usePortal();
const { open } = portal;

/** Walks from the start page to the details form: office, service, first free day, first time. */
async function chooseFirstFreeTime(page: Page, a11y: boolean, names: { office: string; service: string; next: string }) {
  // Each step waits for its page: with JavaScript the old page stays visible while the next loads.
  await page.getByRole('link', { name: new RegExp(names.office) }).click();
  await page.waitForURL(/\/book\/[^/]+$/);
  await page.getByRole('link', { name: names.service }).click();
  await page.waitForURL(/\/book\/[^/]+\/[^/?]+$/);
  if (a11y) expect(await checkA11y(page)).toEqual([]);
  // Not today: today's first free time sits at the lead-time boundary and could pass while the test types.
  await page.locator('ul.choices a').nth(1).click();
  await page.waitForURL(/\?date=\d{4}-\d{2}-\d{2}$/);
  if (a11y) expect(await checkA11y(page)).toEqual([]);
  await page.getByRole('button', { name: names.next }).click();
}

describe('booking on a phone', () => {
  it('books "Apply for an identity card" in English end to end, with the time in Berlin time and the QR code', async () => {
    const page = await open('/?lang=en', { ...phone, locale: 'en-GB', timezoneId: 'America/New_York' });
    expect(await checkA11y(page)).toEqual([]);
    await chooseFirstFreeTime(page, true, { office: 'Bürgeramt Mitte', service: 'Apply for an identity card', next: 'Continue' });

    // A mistake first: the field says what is wrong and keeps what was typed.
    await page.getByLabel('Name').fill('Jane Citizen');
    await page.getByLabel('Email address').fill('jane.citizen@example');
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Book this appointment' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#email-error').textContent()).toBe('Please enter your full e-mail address, for example name@example.com.');
    expect(await page.getByLabel('Name').inputValue()).toBe('Jane Citizen');
    expect(await checkA11y(page)).toEqual([]);

    await page.getByLabel('Email address').fill('jane.citizen@example.org');
    await page.getByRole('button', { name: 'Book this appointment' }).click();
    await page.waitForURL(/\/booked\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your appointment is booked');
    const code = (await page.locator('dd.code').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const booking = await portal.stack.db.appointment.findUniqueOrThrow({ where: { bookingCode: code }, include: { service: true } });
    expect(booking.service.slug).toBe('personalausweis');
    expect(booking.language).toBe('en');
    const berlinTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(booking.startsAt);
    expect(await page.locator('dl').textContent()).toContain(berlinTime);

    const qr = page.getByRole('img', { name: `QR code for checking in at the office, booking code ${code}` });
    expect(await loadedImageWidth(qr)).toBeGreaterThan(0);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await checkA11y(page)).toEqual([]);
  });

  it('works without JavaScript, in German, and a double submit books once', async () => {
    const page = await open('/', { ...phone, locale: 'de-DE', javaScriptEnabled: false });
    await chooseFirstFreeTime(page, false, { office: 'Kfz-Zulassungsstelle', service: 'Fahrzeug abmelden', next: 'Weiter' });
    await page.getByLabel('Name').fill('Max Muster');
    await page.getByLabel('E-Mail-Adresse').fill('max.muster@example.org');
    await page.getByLabel(/einverstanden/).check();
    const form = page.locator('form[method="POST"]');
    const body = new URLSearchParams(
      await form.evaluate((f: HTMLFormElement) => [...new FormData(f)].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')),
    );
    await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await page.waitForURL(/\/booked\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ihr Termin ist gebucht');

    // The same form sent again (a reload, a second tap) must not book a second time.
    const again = await page
      .context()
      .request.fetch(
        new URL(
          `/book/${await officeId('kfz-zulassung')}/${await serviceId('kfz-abmeldung')}/details?startsAt=${encodeURIComponent(body.get('startsAt')!)}`,
          portal.app.url,
        ).href,
        {
          method: 'POST',
          form: Object.fromEntries(body),
          headers: { origin: portal.app.url, accept: 'text/html' },
          maxRedirects: 0,
        },
      );
    expect(again.status()).toBe(303);
    expect(await portal.stack.db.appointment.count({ where: { citizenEmail: 'max.muster@example.org' } })).toBe(1);
  });
});

async function officeId(slug: string) {
  return (await portal.stack.db.location.findFirstOrThrow({ where: { slug } })).id;
}
async function serviceId(slug: string) {
  return (await portal.stack.db.service.findFirstOrThrow({ where: { slug } })).id;
}
