import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useWebAppUnderTest } from '@termin/api/testing/running-stack';
import { createAndLand, createService as createServiceAt, errorOf, field, inspect, submit } from './support';

const ui = useWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));

async function createService(page: Page, s: { slug: string; nameDe: string; nameEn: string; duration: string; prefix: string }) {
  await createServiceAt(page, ui.app.url, { ...s, feeCents: '12,50' });
  expect(await page.getByRole('status').textContent()).toContain('Angelegt.');
}

describe('configuring an office in the browser', () => {
  it('keeps what an admin typed before the page’s scripts had run', async () => {
    const { page } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    // The scripts arrive only after the first field has been typed into, as on a slow connection.
    let arrive!: () => void;
    const scripts = new Promise<void>((resolve) => (arrive = resolve));
    await page.route('**/_app/immutable/**', async (route) => {
      await scripts;
      await route.continue();
    });
    // Module scripts hold back DOMContentLoaded, so the page counts as there once its form is.
    await page.goto(new URL('/services/new', ui.app.url).href, { waitUntil: 'commit' });
    await field(page, 'slug').fill('vor-den-skripten');
    arrive();
    await page.waitForLoadState('networkidle');
    await field(page, 'nameDe').fill('Später getippt');
    expect(await field(page, 'slug').inputValue()).toBe('vor-den-skripten');
    expect(await field(page, 'nameDe').inputValue()).toBe('Später getippt');
  });

  it('creates a location with two services, three counters, opening hours with a lunch break and a closure', async () => {
    const { page } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    await inspect(page, 'home');
    expect(await page.getByRole('link', { name: 'Bürgeramt Mitte', exact: true }).isVisible()).toBe(true);

    // Bad input first: field errors by the fields, what was typed kept, nothing created.
    await page.getByRole('link', { name: 'Dienstleistungen' }).click();
    await page.waitForURL(/\/services$/);
    await inspect(page, 'services');
    await page.getByRole('link', { name: 'Neue Dienstleistung' }).click();
    await page.waitForURL(/\/services\/new$/);
    await inspect(page, 'service-new');
    await field(page, 'nameDe').fill('Wohngeld beantragen');
    await field(page, 'ticketPrefix').fill('1');
    await submit(page, 'Anlegen');
    expect(await errorOf(page, 'slug')).toBe('Bitte ausfüllen.');
    expect(await errorOf(page, 'nameEn')).toBe('Bitte ausfüllen.');
    expect(await errorOf(page, 'ticketPrefix')).toBe('Ein Großbuchstabe von A bis Z.');
    expect(await field(page, 'nameDe').inputValue()).toBe('Wohngeld beantragen');
    expect(await page.getByRole('alert').textContent()).toContain('Bitte korrigieren Sie:');
    await inspect(page, 'service-new-errors');
    // A letter another service already uses is refused by the API, by the same field.
    await field(page, 'slug').fill('wohngeld');
    await field(page, 'nameEn').fill('Apply for housing benefit');
    await field(page, 'ticketPrefix').fill('A');
    await submit(page, 'Anlegen');
    expect(await errorOf(page, 'ticketPrefix')).toBeTruthy();
    expect(page.url()).toMatch(/\/services\/new$/);
    expect(await ui.stack.db.service.count({ where: { slug: 'wohngeld' } })).toBe(0);

    await createService(page, { slug: 'wohngeld', nameDe: 'Wohngeld beantragen', nameEn: 'Apply for housing benefit', duration: '15', prefix: 'W' });
    await inspect(page, 'service-edit');
    await createService(page, { slug: 'eheschliessung', nameDe: 'Eheschließung anmelden', nameEn: 'Give notice of marriage', duration: '30', prefix: 'E' });

    // The location: an unknown time zone is the API's field error; the rest stays as typed.
    await page.goto(new URL('/', ui.app.url).href);
    await page.getByRole('link', { name: 'Neuer Standort' }).click();
    await page.waitForURL(/\/locations\/new$/);
    await inspect(page, 'location-new');
    await field(page, 'slug').fill('buergerbuero-nord');
    await field(page, 'name').fill('Bürgerbüro Nord');
    await field(page, 'address').fill('Nordplatz 1, 10115 Berlin');
    await field(page, 'timezone').fill('Mars/Olympus');
    await field(page, 'slotMinutes').fill('15');
    await field(page, 'contactDe').fill('Telefon 030 123456');
    await field(page, 'directionsEn').fill('Tram M5, stop Nordplatz');
    await page.getByLabel('Wohngeld beantragen').check();
    await page.getByLabel('Eheschließung anmelden').check();
    await submit(page, 'Anlegen');
    expect(await errorOf(page, 'timezone')).toBeTruthy();
    expect(await field(page, 'name').inputValue()).toBe('Bürgerbüro Nord');
    expect(await page.getByLabel('Eheschließung anmelden').isChecked()).toBe(true);
    await inspect(page, 'location-new-errors');
    await field(page, 'timezone').fill('Europe/Berlin');
    await createAndLand(page, /\/locations\/[0-9a-f-]{36}\?created=1$/);
    const locationId = /\/locations\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bürgerbüro Nord');
    await inspect(page, 'location-edit');

    // Three counters; the third serves only the marriage notices.
    await page.getByRole('link', { name: 'Schalter', exact: true }).click();
    await page.waitForURL(/\/counters$/);
    await inspect(page, 'counters-empty');
    await submit(page, 'Anlegen');
    expect(await errorOf(page, 'name')).toBe('Bitte ausfüllen.');
    for (const [name, services] of [
      ['Schalter 1', ['Wohngeld beantragen', 'Eheschließung anmelden']],
      ['Schalter 2', ['Wohngeld beantragen']],
      ['Schalter 3', ['Eheschließung anmelden']],
    ] as const) {
      await field(page, 'name').fill(name);
      for (const service of services) await page.getByLabel(service).check();
      await submit(page, 'Anlegen');
      expect(await page.getByRole('status').textContent()).toContain('Angelegt.');
    }
    expect(await page.locator('tbody th').allTextContents()).toEqual(['Schalter 1', 'Schalter 2', 'Schalter 3']);
    await inspect(page, 'counters');
    await page.getByRole('link', { name: 'Schalter Schalter 3 bearbeiten' }).click();
    await page.waitForURL(/\/counters\/[0-9a-f-]{36}$/);
    await inspect(page, 'counter-edit');
    const counters = await ui.stack.db.counter.findMany({ where: { locationId }, include: { services: true }, orderBy: { name: 'asc' } });
    expect(counters.map((c) => [c.name, c.services.length])).toEqual([
      ['Schalter 1', 2],
      ['Schalter 2', 1],
      ['Schalter 3', 1],
    ]);

    // Opening hours Monday to Friday with a lunch break; an end before its start is shown by that field.
    await page.getByRole('link', { name: 'Öffnungszeiten' }).click();
    await page.waitForURL(/\/hours$/);
    await inspect(page, 'hours-empty');
    for (const weekday of [1, 2, 3, 4, 5]) {
      await field(page, `s0.w${weekday}.0.opens`).fill('08:00');
      await field(page, `s0.w${weekday}.0.closes`).fill('12:00');
      await field(page, `s0.w${weekday}.1.opens`).fill('13:00');
      await field(page, `s0.w${weekday}.1.closes`).fill('16:00');
    }
    await field(page, 's0.w5.1.closes').fill('11:00');
    await submit(page, 'Speichern');
    expect(await errorOf(page, 's0.w5.1.closes')).toBeTruthy();
    expect(await field(page, 's0.w4.1.opens').inputValue()).toBe('13:00');
    await inspect(page, 'hours-errors');
    await field(page, 's0.w5.1.closes').fill('16:00');

    await submit(page, 'Zeitfenster ansehen (ohne zu speichern)');
    const preview = page.getByRole('region', { name: 'Vorschau der Zeitfenster' });
    const weekdaySlots = (await preview.locator('dd').allTextContents()).filter((d) => d.startsWith('08:00'));
    expect(weekdaySlots.length).toBeGreaterThanOrEqual(4);
    for (const slots of weekdaySlots) {
      const times = slots.split(', ');
      expect(times).toContain('11:45');
      expect(times).toContain('13:00');
      expect(times).not.toContain('12:00');
      expect(times.at(-1)).toBe('15:45');
    }
    expect(await ui.stack.db.openingHours.count({ where: { locationId } })).toBe(0);
    await inspect(page, 'hours-preview');
    await submit(page, 'Speichern');
    expect(await page.getByRole('status').first().textContent()).toContain('Gespeichert.');
    expect(await ui.stack.db.openingHours.count({ where: { locationId } })).toBe(10);
    await page.reload();
    expect(await field(page, 's0.w3.1.opens').inputValue()).toBe('13:00');
    await inspect(page, 'hours');

    // A closure ten days from now, with its reason for citizens.
    await page.getByRole('link', { name: 'Schließtage' }).click();
    await page.waitForURL(/\/closures$/);
    await inspect(page, 'closures-empty');
    await submit(page, 'Schließtag eintragen');
    expect(await errorOf(page, 'date')).toBe('Bitte ein Datum eingeben.');
    expect(await errorOf(page, 'reason')).toBe('Bitte ausfüllen.');
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await field(page, 'date').fill(day);
    await field(page, 'reason').fill('Betriebsausflug');
    await submit(page, 'Schließtag eintragen');
    expect(await page.getByRole('status').textContent()).toContain('Angelegt.');
    expect(await page.locator('tbody td').allTextContents()).toContain('Betriebsausflug');
    await submit(page, 'Notschließung auslösen');
    expect(await errorOf(page, 'emergency-confirm')).toBe('Bitte bestätigen Sie das ausdrücklich.');
    await inspect(page, 'closures');

    await page.goto(new URL('/holidays', ui.app.url).href);
    expect(await page.locator('tbody').textContent()).toContain('Neujahr');
    const year = new Date().getUTCFullYear();
    await field(page, 'date').fill(`${year}-06-19`);
    await field(page, 'nameDe').fill('Stadtfest');
    await submit(page, 'Örtlichen Feiertag eintragen');
    expect(await errorOf(page, 'nameEn')).toBe('Bitte ausfüllen.');
    expect(await field(page, 'nameDe').inputValue()).toBe('Stadtfest');
    await field(page, 'nameEn').fill('City festival');
    await submit(page, 'Örtlichen Feiertag eintragen');
    expect(await page.getByRole('row', { name: /Stadtfest/ }).textContent()).toContain('örtlich');
    await inspect(page, 'holidays');
    await page.goto(new URL('/?lang=en', ui.app.url).href);
    expect(await page.getByRole('link', { name: 'Bürgerbüro Nord', exact: true }).isVisible()).toBe(true);
    await inspect(page, 'home-en');
    // Many pages, each with an axe run and a full-page screenshot.
  }, 240_000);

  it('tells an admin who saves a location someone else changed meanwhile, and keeps what she typed', async () => {
    const { page, context } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    await page.getByRole('link', { name: 'Kfz-Zulassungsstelle', exact: true }).click();
    await page.waitForURL(/\/locations\/[0-9a-f-]{36}$/);
    const other = await context.newPage();
    await other.goto(page.url());
    await field(other, 'address').fill('Neue Straße 2, 10117 Berlin');
    await submit(other, 'Speichern');
    expect(await other.getByRole('status').textContent()).toContain('Gespeichert.');

    await field(page, 'name').fill('Kfz-Zulassung (Hauptstelle)');
    await submit(page, 'Speichern');
    expect(await page.getByRole('alert').textContent()).toContain('Jemand anderes hat diese Angaben inzwischen geändert.');
    expect(await field(page, 'name').inputValue()).toBe('Kfz-Zulassung (Hauptstelle)');
    await inspect(page, 'location-conflict');
    const saved = await ui.stack.db.location.findFirstOrThrow({ where: { name: { startsWith: 'Kfz' } } });
    expect([saved.name, saved.address]).toEqual(['Kfz-Zulassungsstelle', 'Neue Straße 2, 10117 Berlin']);
  });

  it('shows field errors and keeps what was typed without JavaScript too', async () => {
    const { page } = await ui.signedIn('admin', '/services/new', { locale: 'de-DE', javaScriptEnabled: false });
    await field(page, 'nameDe').fill('Wohngeld beantragen');
    await field(page, 'durationMinutes').fill('zehn');
    // Without JavaScript the form posts and the answer is a new document.
    await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Anlegen' }).click()]);
    await page.waitForLoadState('load');
    expect(await page.locator('[id="durationMinutes-error"]').textContent()).toBe('Bitte eine ganze Zahl eingeben.');
    expect(await field(page, 'durationMinutes').getAttribute('aria-invalid')).toBe('true');
    expect(await field(page, 'nameDe').inputValue()).toBe('Wohngeld beantragen');
  });
});
