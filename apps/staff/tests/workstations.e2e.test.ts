import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebAppUnderTest, type WebAppUnderTest } from '@termin/api/testing/running-stack';
import { defaultDevPassword } from '@termin/dev-idp';
import { obtainTokens } from '@termin/dev-idp/test-login';
import { citizenLinks } from '@termin/notifications';
import { confirmedBookingNow } from './support/bookings';
import { checkA11y } from '@termin/testkit/browser';

let ui: WebAppUnderTest;
let mitteId: string;

beforeAll(async () => {
  ui = await startWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));
  mitteId = (await ui.stack.db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } })).id;
}, 180_000);
afterEach(async () => ui?.closeContexts());
afterAll(async () => ui?.close());

const at = (path: string) => new URL(path, ui.app.url).href;

/** Booked an hour ago (short notice), starting now at Bürgeramt Mitte. */
const bookingForToday = (citizenName: string, noShowScore: number) => confirmedBookingNow(ui.stack.db, mitteId, { citizenName, noShowScore, bookedAgoMs: 3_600_000 });

describe('staff home', () => {
  it('takes a clerk to the dashboard in one click and shows the counter they took there', async () => {
    const { page } = await ui.signedIn('staff', '/', { locale: 'de-DE' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Arbeitsplätze');
    expect(await page.content()).not.toContain('folgen in Kürze');
    const mitte = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Bürgeramt Mitte' }) });
    expect(await mitte.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')))).toEqual([
      'Schalter-Übersicht: Bürgeramt Mitte',
      'Kiosk: Bürgeramt Mitte',
      'Aufrufanzeige: Bürgeramt Mitte',
      'Aufrufanzeige einrichten: Bürgeramt Mitte',
    ]);
    expect(await mitte.getByText('Noch kein Schalter gewählt.').isVisible()).toBe(true);
    expect(await checkA11y(page)).toEqual([]);

    await page.getByRole('link', { name: 'Schalter-Übersicht: Bürgeramt Mitte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Warteschlange Bürgeramt Mitte' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/queue/${mitteId}`);

    await page.getByLabel('Mein Schalter').selectOption({ label: 'Schalter 2' });
    await page.getByRole('button', { name: 'Schalter übernehmen' }).click();
    await page.getByRole('button', { name: 'Nächste aufrufen' }).and(page.locator(':enabled')).waitFor();
    await page.goto(at('/'));
    await page.getByText('Ihr Schalter: 2').waitFor();
    await page.getByRole('link', { name: 'Schalter-Übersicht: Bürgeramt Mitte' }).click();
    expect(await page.getByLabel('Mein Schalter').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('Schalter 2');
    await page.goto(at('/?lang=en'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Workstations');
    expect(await checkA11y(page)).toEqual([]);
  }, 60_000);

  it('sends a kiosk account to its kiosk and a display account to its display', async () => {
    const kiosk = (await ui.signedIn('kiosk', '/', { locale: 'de-DE' })).page;
    expect(new URL(kiosk.url()).pathname).toBe(`/kiosk/${mitteId}`);
    expect(await kiosk.getByRole('heading', { level: 1 }).textContent()).toBe('Willkommen im Bürgeramt Mitte');
    const display = (await ui.signedIn('display', '/', { locale: 'de-DE' })).page;
    expect(new URL(display.url()).pathname).toBe(`/display/${mitteId}`);
  });
});

describe("the clerk's day and the kiosk", () => {
  it("shows today's booking as expected with its risk badge and reasons; a scanned QR code checks her in, audited as the kiosk", async () => {
    const booking = await bookingForToday('Erika Heute', 45);
    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE' })).page;
    const today = clerk.getByRole('region', { name: /Termine heute/ });
    const row = today.getByRole('row').filter({ has: clerk.getByRole('rowheader', { name: 'Erika Heute' }) });
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Erwartet');
    const badge = row.getByRole('button', { name: 'Ausfallrisiko mittel' });
    const reasons = clerk.locator(`#${await badge.getAttribute('aria-describedby')}`);
    expect(await reasons.isVisible()).toBe(false);
    await badge.focus();
    await reasons.waitFor({ state: 'visible' });
    expect(await reasons.textContent()).toContain('45 von 100 Punkten');
    expect(await reasons.textContent()).toContain('kurzfristig gebucht (weniger als 24 Stunden vorher) (+20 Punkte)');
    expect(await checkA11y(clerk)).toEqual([]);
    await clerk.keyboard.press('Escape');
    await reasons.waitFor({ state: 'hidden' });
    // The shortcuts are listed on the page.
    const shortcuts = clerk.getByRole('complementary', { name: 'Tastenkürzel' });
    expect(await shortcuts.textContent()).toContain('Alt+Shift+N');
    expect(await shortcuts.textContent()).toContain('Alt+Shift+E');
    expect(await shortcuts.textContent()).toContain('Alt+Shift+X');

    // A USB hand scanner is a keyboard: it types the QR code's content and presses Enter.
    const qrContent = citizenLinks(ui.stack.app.config.CITIZEN_BASE_URL, booking.bookingCode).checkin;
    expect(qrContent).toMatch(/^https?:\/\/.+\/checkin\/[0-9A-Z-]{19}$/);
    const kiosk = (await ui.signedIn('kiosk', `/kiosk/${mitteId}`, { locale: 'de-DE' })).page;
    await kiosk.getByLabel('Buchungscode eingeben oder QR-Code scannen').focus();
    await kiosk.keyboard.type(qrContent);
    await kiosk.keyboard.press('Enter');
    const shown = kiosk.getByRole('region', { name: /Ihre Wartenummer/ });
    await shown.waitFor();
    const entry = await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: booking.id } });
    expect(await shown.locator('.number').textContent()).toBe(entry.ticketNumber);

    // The open dashboard hears of it and shows her present.
    await row.getByRole('cell').nth(2).getByText('Anwesend').waitFor({ timeout: 5_000 });
    expect(await row.getByRole('cell').nth(3).textContent()).toBe(entry.ticketNumber);

    // The audit log names the kiosk as the one who checked her in.
    const admin = await obtainTokens({
      issuer: ui.stack.idp.issuer,
      clientId: 'termin-staff',
      redirectUri: `${ui.app.url}/auth/callback`,
      username: 'admin',
      password: defaultDevPassword('admin'),
    });
    const log = await fetch(`${ui.stack.apiUrl}/api/v1/admin/audit-log?locationId=${mitteId}`, { headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(log.status).toBe(200);
    const { entries } = (await log.json()) as { entries: { actor: string; role: string; action: string; entityId: string }[] };
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'kiosk', role: 'kiosk', action: 'appointment.checkin', entityId: booking.id }));
  }, 60_000);

  it('calls next and completes with the keyboard shortcuts', async () => {
    await ui.stack.db.queueEntry.updateMany({ where: { locationId: mitteId, status: { in: ['WAITING', 'CALLED'] } }, data: { status: 'DONE' } });
    const booking = await bookingForToday('Tasten Test', 10);
    const kiosk = (await ui.signedIn('kiosk', `/kiosk/${mitteId}`, { locale: 'de-DE' })).page;
    await kiosk.getByLabel('Buchungscode eingeben oder QR-Code scannen').fill(booking.bookingCode);
    await kiosk.getByRole('button', { name: 'Anmelden' }).click();
    await kiosk.getByRole('region', { name: /Ihre Wartenummer/ }).waitFor();
    const { ticketNumber } = await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: booking.id } });

    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE' })).page;
    await clerk.getByLabel('Mein Schalter').selectOption({ label: 'Schalter 4' });
    await clerk.getByRole('button', { name: 'Schalter übernehmen' }).click();
    await clerk.getByRole('button', { name: 'Nächste aufrufen' }).and(clerk.locator(':enabled')).waitFor();
    await clerk.locator('body').focus();
    await clerk.keyboard.press('Alt+Shift+KeyN');
    await clerk.getByText(`${ticketNumber} an Schalter 4 aufgerufen.`).waitFor();
    await clerk
      .getByRole('region', { name: /Aufgerufen/ })
      .getByRole('article', { name: ticketNumber })
      .waitFor();
    await clerk.keyboard.press('Alt+Shift+KeyE');
    await clerk
      .getByRole('region', { name: /Aufgerufen/ })
      .getByRole('article', { name: ticketNumber })
      .waitFor({ state: 'detached' });
    expect((await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: booking.id } })).status).toBe('DONE');
  }, 60_000);
});
