import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useWebAppUnderTest } from '@termin/api/testing/running-stack';
import { errorOf, field, inspect, submit } from './support';
import { solidPng } from '@termin/testkit/png';
import { loadedImageWidth } from '@termin/testkit/browser';

const ui = useWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));

const demo = () => ui.stack.db.tenant.findUniqueOrThrow({ where: { slug: 'demo' } });

describe('admin home', () => {
  it("shows each office's day and warns that the booking horizon is not filled", async () => {
    // The stack publishes three weeks of slots; the demo's horizon is 60 days.
    const { page } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    const mitte = page.locator('.offices li').filter({ has: page.getByRole('link', { name: 'Bürgeramt Mitte', exact: true }) });
    expect(await mitte.textContent()).toMatch(/Heute \d+ Termine bei \d+ Plätzen/);
    expect(await mitte.textContent()).toMatch(/Nächster freier Termin: .+, \d{2}:\d{2} Uhr/);
    const warning = mitte.locator('.warning');
    expect(await warning.textContent()).toMatch(/Achtung: Der Buchungszeitraum bis .+ ist nicht vollständig mit Terminen gefüllt/);
    expect(await page.getByRole('link', { name: /Kommunen der Plattform/ }).count()).toBe(0);
    await inspect(page, 'home-figures');
  });
});

describe('municipality settings', () => {
  it('refuses a colour white text is unreadable on by its field, keeps what was typed, then saves colour, logo and texts', async () => {
    const before = await demo();
    const { page } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    await page.getByRole('link', { name: /Einstellungen der Kommune/ }).click();
    await page.waitForURL(/\/tenant$/);
    await inspect(page, 'tenant-settings');

    await field(page, 'name').fill('Stadt Demo Mitte');
    await field(page, 'primaryColor').fill('#ffcc00');
    await field(page, 'bookingHorizonDays').fill('0');
    await field(page, 'smsCountryCodes').fill('+49, 43');
    // A rush day ahead: bookings only after the proof-of-work challenge (or the wait without scripts).
    const challenge = page.getByRole('checkbox', { name: 'Online-Buchungen nur nach gelöster Rechenaufgabe oder kurzer Wartezeit' });
    expect(await challenge.isChecked()).toBe(false);
    await challenge.check();
    await submit(page, 'Speichern');
    expect(await errorOf(page, 'primaryColor')).toBe('Kontrast mit Weiß: 1,51:1 – nötig sind mindestens 4,5:1. Bitte eine dunklere Farbe wählen.');
    expect(await errorOf(page, 'bookingHorizonDays')).toBe('Mindestens 1.');
    expect(await errorOf(page, 'smsCountryCodes')).toBeTruthy();
    expect(await field(page, 'name').inputValue()).toBe('Stadt Demo Mitte');
    expect(await challenge.isChecked()).toBe(true);
    expect(await page.getByRole('alert').textContent()).toContain('Bitte korrigieren Sie:');
    expect((await demo()).version).toBe(before.version);
    await inspect(page, 'tenant-settings-errors');

    await field(page, 'primaryColor').fill('#6b1f7a');
    await field(page, 'bookingHorizonDays').fill('45');
    // Rush of SMS pumping: Austrian numbers too, but at most 50 SMS a day.
    await field(page, 'smsCountryCodes').fill('+49, +43');
    await field(page, 'smsDailyBudget').fill('50');
    await field(page, 'imprintEn').fill('City of Demo, Karl-Marx-Allee 31, 10178 Berlin');
    await field(page, 'logo').setInputFiles({ name: 'wappen.png', mimeType: 'image/png', buffer: solidPng(80, 40, [107, 31, 122]) });
    await submit(page, 'Speichern');
    expect(await page.getByRole('status').textContent()).toContain('Gespeichert.');
    const saved = await demo();
    expect(saved).toMatchObject({
      name: 'Stadt Demo Mitte',
      primaryColor: '#6b1f7a',
      bookingHorizonDays: 45,
      imprintEn: 'City of Demo, Karl-Marx-Allee 31, 10178 Berlin',
      logoContentType: 'image/png',
      smsCountryCodes: ['+49', '+43'],
      smsDailyBudget: 50,
      bookingChallenge: true,
    });
    expect(saved.version).toBe(before.version + 1);
    expect(await ui.stack.db.auditLog.count({ where: { tenantId: saved.id, action: 'tenant.updated' } })).toBe(1);
    // The saved logo, as the page shows it once it has loaded (a positive signal, no sleep).
    const logo = page.getByRole('img', { name: 'Aktuelles Logo' });
    const width = await loadedImageWidth(logo);
    expect(width).toBe(80);
    await inspect(page, 'tenant-settings-saved');
  });

  it('says someone else saved first instead of overwriting their change', async () => {
    const { page } = await ui.signedIn('admin', '/tenant', { locale: 'de-DE' });
    // Another admin saves while this form is open.
    await ui.stack.db.tenant.update({ where: { slug: 'demo' }, data: { name: 'Von jemand anderem', version: { increment: 1 } } });
    await field(page, 'name').fill('Meine Änderung');
    await submit(page, 'Speichern');
    expect(await page.getByRole('alert').textContent()).toContain('Jemand anderes hat diese Angaben inzwischen geändert');
    expect(await page.getByRole('link', { name: 'Aktuellen Stand laden' }).isVisible()).toBe(true);
    expect(await field(page, 'name').inputValue()).toBe('Meine Änderung');
    expect((await demo()).name).toBe('Von jemand anderem');
    await inspect(page, 'tenant-settings-conflict');
  });
});

describe('platform', () => {
  it('lets the operator add a municipality, with field errors first', async () => {
    const { page } = await ui.signedIn('platform', '/', { locale: 'de-DE' });
    expect(await page.locator('main').textContent()).toContain('Ihr Konto verwaltet die Plattform, keine einzelne Kommune.');
    await page.getByRole('link', { name: 'Kommunen der Plattform verwalten' }).click();
    await page.waitForURL(/\/platform$/);
    // The demo municipality is listed (under the name an earlier test gave it).
    expect(await page.getByRole('row').filter({ hasText: 'demo' }).count()).toBe(1);
    await inspect(page, 'platform');

    await field(page, 'slug').fill('Neu Stadt');
    await submit(page, 'Anlegen');
    expect(await errorOf(page, 'slug')).toBe('Nur Kleinbuchstaben, Ziffern und Bindestriche, z. B. buergeramt-mitte.');
    expect(await errorOf(page, 'name')).toBe('Bitte ausfüllen.');
    expect(await errorOf(page, 'holidayState')).toBeTruthy();
    await inspect(page, 'platform-errors');

    await field(page, 'slug').fill('neustadt');
    await field(page, 'name').fill('Stadt Neustadt');
    await page.getByLabel('Bundesland (für die gesetzlichen Feiertage)').selectOption('NW');
    await submit(page, 'Anlegen');
    expect(await page.getByRole('status').textContent()).toContain('Die Kommune Stadt Neustadt ist angelegt.');
    expect(await page.getByRole('rowheader', { name: 'Stadt Neustadt' }).isVisible()).toBe(true);
    expect(await ui.stack.db.tenant.findUnique({ where: { slug: 'neustadt' } })).toMatchObject({ holidayState: 'NW', timezone: 'Europe/Berlin' });
  });

  it("is not a municipality admin's screen", async () => {
    const { page } = await ui.signedIn('admin', '/platform', { locale: 'de-DE' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('Kommunen der Plattform');
    expect(await page.locator('main').textContent()).toContain('403');
    expect(await page.locator('main').textContent()).not.toContain('Stadt Neustadt');
  });
});

describe('tenant isolation', () => {
  it("shows an admin of the demo nothing of another municipality's office or service", async () => {
    const other = await ui.stack.db.tenant.create({ data: { slug: 'nachbarstadt', name: 'Nachbarstadt', holidayState: 'BB' } });
    const location = await ui.stack.db.location.create({ data: { tenantId: other.id, slug: 'rathaus', name: 'Rathaus Nachbarstadt', address: 'Geheimweg 7' } });
    const service = await ui.stack.db.service.create({
      data: { tenantId: other.id, slug: 'fischereischein', nameDe: 'Fischereischein Nachbarstadt', nameEn: 'Fishing licence', durationMinutes: 15, ticketPrefix: 'F' },
    });
    const { page } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    for (const path of [
      `/locations/${location.id}`,
      `/locations/${location.id}/hours`,
      `/locations/${location.id}/counters`,
      `/locations/${location.id}/closures`,
      `/services/${service.id}`,
    ]) {
      const response = await page.goto(new URL(path, ui.app.url).href);
      expect(response?.status(), path).toBe(404);
      const text = await page.locator('body').textContent();
      expect(text, path).not.toContain('Nachbarstadt');
      expect(text, path).not.toContain('Geheimweg');
    }
    await inspect(page, 'foreign-service-404');
  });
});
