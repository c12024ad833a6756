import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startWebAppUnderTest, type WebAppUnderTest } from '@termin/api/testing/running-stack';
import { defaultDevPassword } from '@termin/dev-idp';
import { obtainTokens } from '@termin/dev-idp/test-login';
import { confirmedBookingNow } from './support/bookings';
import { checkA11y } from '@termin/testkit/browser';

let ui: WebAppUnderTest;
let mitteId: string;
let staffToken: string;

beforeAll(async () => {
  ui = await startWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));
  mitteId = (await ui.stack.db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } })).id;
  staffToken = (
    await obtainTokens({
      issuer: ui.stack.idp.issuer,
      clientId: 'termin-staff',
      redirectUri: `${ui.app.url}/auth/callback`,
      username: 'staff',
      password: defaultDevPassword('staff'),
    })
  ).accessToken;
}, 180_000);
afterEach(async () => ui?.closeContexts());
afterAll(async () => ui?.close());

const bookingNow = (citizenName: string) => confirmedBookingNow(ui.stack.db, mitteId, { citizenName });

/** The desk checks a citizen in through the API, as the clerk's own screen would. */
async function checkInViaApi(appointmentId: string): Promise<string> {
  const res = await fetch(`${ui.stack.apiUrl}/api/v1/appointments/${appointmentId}/checkin`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ locationId: mitteId }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { queueEntry: { ticketNumber: string } }).queueEntry.ticketNumber;
}

/** Resolves once the page's socket is subscribed (the live hint appears / the waiting count is shown). */
async function waitForText(page: Page, text: string | RegExp, timeout = 10_000) {
  await page.getByText(text).first().waitFor({ timeout });
}

async function clearQueue() {
  await ui.stack.db.queueEntry.updateMany({ where: { locationId: mitteId, status: { in: ['WAITING', 'CALLED'] } }, data: { status: 'DONE' } });
}

describe('clerk, waiting-room display and kiosk', () => {
  it('a call at the clerk’s desk reaches the display without reload, and "done" takes it off again', async () => {
    await clearQueue();
    const booking = await bookingNow('Erika Musterfrau');
    const ticket = await checkInViaApi(booking.id);

    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE' })).page;
    expect(await clerk.getByRole('heading', { level: 1 }).textContent()).toBe('Warteschlange Bürgeramt Mitte');
    const waiting = clerk.getByRole('region', { name: /Wartend/ });
    const card = waiting.getByRole('article', { name: ticket });
    expect(await card.textContent()).toContain('Anwesend');
    expect(await card.textContent()).toMatch(/Ausfallrisiko (niedrig|mittel|hoch)/);
    expect(await clerk.getByRole('button', { name: 'Nächste aufrufen' }).isDisabled()).toBe(true);
    await clerk.getByLabel('Mein Schalter').selectOption({ label: 'Schalter 3' });
    await clerk.getByRole('button', { name: 'Schalter übernehmen' }).click();
    await clerk.getByRole('button', { name: 'Nächste aufrufen' }).and(clerk.locator(':enabled')).waitFor();
    await waitForText(clerk, 'Live-Aktualisierung aktiv');

    const display = (await ui.signedIn('display', `/display/${mitteId}`, { locale: 'de-DE' })).page;
    await waitForText(display, 'Wartende: 1');
    expect(await display.getByRole('region', { name: 'Aktueller Aufruf' }).textContent()).toContain('Bitte warten Sie');

    await clerk.getByRole('button', { name: 'Nächste aufrufen' }).click();
    await waitForText(clerk, `${ticket} an Schalter 3 aufgerufen.`);

    const current = display.getByRole('region', { name: 'Aktueller Aufruf' });
    await current.getByText(ticket).waitFor({ timeout: 5_000 });
    expect((await current.textContent())?.replace(/\s+/g, ' ')).toContain(`${ticket} → Schalter 3`);
    await expect.poll(() => display.locator('.announcer[aria-live="assertive"]').textContent()).toBe(`Wartenummer ${ticket}, bitte zu Schalter 3.`);
    const html = await display.content();
    expect(html).not.toContain('Erika');
    expect(html).not.toContain('Musterfrau');
    expect(html).not.toContain(booking.bookingCode);

    const calledCard = clerk.getByRole('region', { name: /Aufgerufen/ }).getByRole('article', { name: ticket });
    await calledCard.getByRole('button', { name: `Erledigt: ${ticket}` }).click();
    await calledCard.waitFor({ state: 'detached' });
    expect(await clerk.getByText('Gerade ist niemand aufgerufen.').isVisible()).toBe(true);
    await current.getByText('Bitte warten Sie').waitFor({ timeout: 5_000 });
  });

  it("shows a citizen who checks in while the clerk's list is open, highlighted, without reload", async () => {
    await clearQueue();
    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}?lang=en`)).page;
    await waitForText(clerk, 'Live updates on');
    expect(await clerk.getByText('The queue is empty.').isVisible()).toBe(true);
    const ticket = await checkInViaApi((await bookingNow('Jan Beispiel')).id);
    const card = clerk.getByRole('region', { name: /Waiting/ }).getByRole('article', { name: ticket });
    await card.waitFor({ timeout: 5_000 });
    await waitForText(clerk, `${ticket} has checked in.`);
    expect(await card.evaluate((element) => element.classList.contains('highlighted'))).toBe(true);
    expect(await card.textContent()).toContain('Present');
  });

  it('works without JavaScript: the clerk calls and completes with plain form posts', async () => {
    await clearQueue();
    const ticket = await checkInViaApi((await bookingNow('Ohne Skript')).id);
    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE', javaScriptEnabled: false })).page;
    await clerk.getByLabel('Mein Schalter').selectOption({ label: 'Schalter 2' });
    await clerk.getByRole('button', { name: 'Schalter übernehmen' }).click();
    await clerk.getByRole('button', { name: 'Nächste aufrufen' }).click();
    expect(await clerk.getByRole('status').textContent()).toContain(`${ticket} an Schalter 2 aufgerufen.`);
    await clerk.getByRole('button', { name: `Erledigt: ${ticket}` }).click();
    expect(await clerk.getByRole('article', { name: ticket }).count()).toBe(0);
    const entry = await ui.stack.db.queueEntry.findFirstOrThrow({ where: { locationId: mitteId, ticketNumber: ticket } });
    expect(entry.status).toBe('DONE');
  });

  it('the kiosk checks a booking code in and shows the ticket number; walk-ins get one by service', async () => {
    const booking = await bookingNow('Kiosk Kundin');
    const kiosk = (await ui.signedIn('kiosk', `/kiosk/${mitteId}`, { locale: 'de-DE' })).page;
    expect(await kiosk.getByRole('heading', { level: 1 }).textContent()).toBe('Willkommen im Bürgeramt Mitte');
    // A scanner types the code as it is printed; lower case and spaces must not matter.
    await kiosk.getByLabel('Buchungscode eingeben oder QR-Code scannen').fill(` ${booking.bookingCode.toLowerCase()} `);
    await kiosk.getByRole('button', { name: 'Anmelden' }).click();
    const shown = kiosk.getByRole('region', { name: /Ihre Wartenummer/ });
    await shown.waitFor();
    const entry = await ui.stack.db.queueEntry.findFirstOrThrow({ where: { appointmentId: booking.id } });
    expect(await shown.locator('.number').textContent()).toBe(entry.ticketNumber);
    expect(await checkA11y(kiosk)).toEqual([]);

    // Back to the start after 10 s, ready for the next citizen.
    await kiosk.getByLabel('Buchungscode eingeben oder QR-Code scannen').waitFor({ timeout: 13_000 });

    await kiosk.getByRole('link', { name: 'Ohne Termin' }).click();
    await kiosk.getByRole('heading', { name: 'Wählen Sie Ihr Anliegen' }).waitFor();
    await kiosk.getByRole('button').first().click();
    await shown.waitFor();
    expect(await shown.locator('.number').textContent()).toMatch(/^[A-Z]+\d{3}$/);

    await kiosk.goto(new URL(`/kiosk/${mitteId}`, ui.app.url).href);
    await kiosk.getByLabel('Buchungscode eingeben oder QR-Code scannen').fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await kiosk.getByRole('button', { name: 'Anmelden' }).click();
    await kiosk.getByRole('alert').waitFor();
  }, 60_000);

  it('has no WCAG 2.1 AA violations on the queue, the kiosk and the display, in German and English', async () => {
    await clearQueue();
    await checkInViaApi((await bookingNow('Axe Test')).id);
    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE' })).page;
    await waitForText(clerk, 'Live-Aktualisierung aktiv');
    expect(await checkA11y(clerk)).toEqual([]);
    await clerk.goto(new URL(`/queue/${mitteId}?lang=en`, ui.app.url).href, { waitUntil: 'networkidle' });
    expect(await checkA11y(clerk)).toEqual([]);

    const kiosk = (await ui.signedIn('kiosk', `/kiosk/${mitteId}?lang=en`)).page;
    expect(await kiosk.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to Bürgeramt Mitte');
    expect(await checkA11y(kiosk)).toEqual([]);
    await kiosk.goto(new URL(`/kiosk/${mitteId}?lang=de&walkin`, ui.app.url).href, { waitUntil: 'networkidle' });
    expect(await checkA11y(kiosk)).toEqual([]);

    const display = (await ui.signedIn('display', `/display/${mitteId}`, { locale: 'de-DE' })).page;
    await waitForText(display, 'Wartende: 1');
    expect(await checkA11y(display)).toEqual([]);
  }, 60_000);

  it('keeps the clerk screen from display and kiosk accounts and the office screens from other offices', async () => {
    const display = (await ui.signedIn('display', `/display/${mitteId}`)).page;
    const clerkScreen = await display.goto(new URL(`/queue/${mitteId}`, ui.app.url).href);
    expect(clerkScreen?.status()).toBe(403);
    expect(await display.content()).not.toContain('Nächste aufrufen');
    const kfz = await ui.stack.db.location.findFirstOrThrow({ where: { slug: 'kfz-zulassung' } });
    const response = await display.goto(new URL(`/display/${kfz.id}`, ui.app.url).href);
    expect(response?.status()).toBe(404);

    const kiosk = (await ui.signedIn('kiosk', `/kiosk/${mitteId}`)).page;
    expect((await kiosk.goto(new URL(`/kiosk/${kfz.id}`, ui.app.url).href))?.status()).toBe(404);
    expect(await kiosk.content()).not.toContain('Kfz-Zulassungsstelle');
    expect((await kiosk.goto(new URL(`/queue/${mitteId}`, ui.app.url).href))?.status()).toBe(403);
  });
});
