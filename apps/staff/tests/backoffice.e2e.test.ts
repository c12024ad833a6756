import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startWebAppUnderTest, type WebAppUnderTest } from '@termin/api/testing/running-stack';
import { addDaysToLocalDate, localDateOf, zonedToUtc } from '@termin/domain';
import { checkA11y } from '@termin/testkit/browser';

let ui: WebAppUnderTest;
let mitteId: string;
let tenantId: string;
let services: Record<string, string>;

beforeAll(async () => {
  ui = await startWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));
  const mitte = await ui.stack.db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });
  mitteId = mitte.id;
  tenantId = mitte.tenantId;
  services = Object.fromEntries((await ui.stack.db.service.findMany({ where: { tenantId } })).map((s) => [s.slug, s.id]));
}, 180_000);
afterEach(async () => ui?.closeContexts());
afterAll(async () => ui?.close());

const tz = 'Europe/Berlin';
let ticket = 700;

/** A walk-in of today at Mitte, waiting for `slug`'s service. */
async function waiting(slug: string, prefix: string) {
  const db = ui.stack.db;
  return db.queueEntry.create({
    data: {
      tenantId,
      locationId: mitteId,
      serviceId: services[slug]!,
      kind: 'WALK_IN',
      ticketNumber: `${prefix}${ticket++}`,
      localDate: new Date(`${localDateOf(new Date(), tz)}T00:00:00Z`),
    },
  });
}

async function takeCounter(page: Page, name: string) {
  await page.getByLabel('Mein Schalter').selectOption({ label: `Schalter ${name}` });
  await page.getByRole('button', { name: 'Schalter übernehmen' }).click();
  // The button was enabled for the previous counter too: wait until the page names the new one.
  await page.getByText(new RegExp(`^Schalter ${name}: `)).waitFor();
  await page.getByRole('button', { name: 'Nächste aufrufen' }).and(page.locator(':enabled')).waitFor();
}

describe('counters serve only their services', () => {
  it('gives two clerks at counters of different services, calling at the same moment, each a citizen of their own service', async () => {
    const db = ui.stack.db;
    const [one, two] = await db.counter.findMany({ where: { locationId: mitteId, name: { in: ['1', '2'] } }, orderBy: { name: 'asc' } });
    await db.counterService.deleteMany({ where: { counterId: { in: [one!.id, two!.id] } } });
    await db.counterService.createMany({
      data: [
        { counterId: one!.id, serviceId: services.reisepass! },
        { counterId: two!.id, serviceId: services.anmeldung! },
      ],
    });
    // In line: a registration first, then a passport.
    const registration = await waiting('anmeldung', 'M');
    const passport = await waiting('reisepass', 'P');

    const passportClerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE' })).page;
    const registrationClerk = (await ui.signedIn('admin', `/queue/${mitteId}`, { locale: 'de-DE' })).page;
    await takeCounter(passportClerk, '1');
    await takeCounter(registrationClerk, '2');
    await Promise.all([
      passportClerk.getByRole('button', { name: 'Nächste aufrufen' }).click(),
      registrationClerk.getByRole('button', { name: 'Nächste aufrufen' }).click(),
    ]);
    await passportClerk.getByRole('status').getByText(`${passport.ticketNumber} an Schalter 1 aufgerufen.`).waitFor();
    await registrationClerk.getByRole('status').getByText(`${registration.ticketNumber} an Schalter 2 aufgerufen.`).waitFor();
    expect(await db.queueEntry.findUniqueOrThrow({ where: { id: passport.id } })).toMatchObject({ status: 'CALLED', counterId: one!.id });
    expect(await db.queueEntry.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({ status: 'CALLED', counterId: two!.id });
  }, 90_000);
});

describe('back office', () => {
  it('books for a caller with the place held back for staff, finds her by name, moves and cancels the appointment', async () => {
    const db = ui.stack.db;
    // One Führungszeugnis per slot, held back for staff: citizens online never see it.
    await db.service.update({ where: { id: services.fuehrungszeugnis! }, data: { slotCapacity: 1, internalPlaces: 1 } });
    const day = addDaysToLocalDate(localDateOf(new Date(), tz), 5);
    for (const time of ['09:00', '09:15']) {
      const startsAt = zonedToUtc(day, time, tz);
      await db.timeSlot.upsert({
        where: { locationId_startsAt: { locationId: mitteId, startsAt } },
        create: { locationId: mitteId, startsAt, endsAt: new Date(startsAt.getTime() + 15 * 60_000), capacity: 2 },
        update: { capacity: 2, booked: 0 },
      });
    }

    const { page } = await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE' });
    await page.getByRole('link', { name: 'Termine buchen und verwalten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Termine – Bürgeramt Mitte' }).waitFor();
    expect(await checkA11y(page)).toEqual([]);

    await page.getByLabel('Anliegen').selectOption({ label: 'Führungszeugnis beantragen' });
    await page.getByLabel('Tag').first().fill(day);
    await page.getByRole('button', { name: 'Freie Zeiten anzeigen' }).first().click();
    await page.getByLabel('Uhrzeit').selectOption({ label: '09:00' });
    await page.getByLabel('Name', { exact: true }).fill('Hanna Anruferin');
    await page.getByLabel('E-Mail-Adresse (freiwillig)').fill('hanna@example.org');
    // Without the consent the address is refused, nothing is booked, the entries stay.
    await page.getByRole('button', { name: 'Termin buchen' }).click();
    await page
      .getByText(/einverstanden ist/)
      .first()
      .waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Hanna Anruferin');
    expect(await db.appointment.count({ where: { citizenName: 'Hanna Anruferin' } })).toBe(0);
    await page.getByLabel(/Die Person ist einverstanden/).check();
    await page.getByRole('button', { name: 'Termin buchen' }).click();
    await page
      .getByRole('status')
      .getByText(/Gebucht: .*09:00/)
      .waitFor();
    const booked = await db.appointment.findFirstOrThrow({ where: { citizenName: 'Hanna Anruferin' } });
    expect(booked).toMatchObject({ channel: 'phone', citizenEmail: 'hanna@example.org' });

    await page.getByLabel('Buchungscode oder Name').fill('anruferin');
    await page.getByRole('button', { name: 'Suchen' }).click();
    const row = page.locator(`tr[data-appointment-id="${booked.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(booked.bookingCode);
    expect(await checkA11y(page)).toEqual([]);

    await row.getByRole('link', { name: 'Verschieben: Hanna Anruferin' }).click();
    await page.getByRole('heading', { name: 'Termin von Hanna Anruferin verschieben' }).waitFor();
    await page.locator('#move-date').fill(day);
    // Today's free times are listed already: choose only once the chosen day's have arrived.
    await Promise.all([page.waitForURL((url) => url.searchParams.get('moveDate') === day), page.getByRole('button', { name: 'Freie Zeiten anzeigen' }).last().click()]);
    await page.locator('#move-time').selectOption({ label: '09:15' });
    await page.getByRole('button', { name: 'Auf diese Zeit verschieben' }).click();
    await page
      .getByRole('status')
      .getByText(/verschoben auf .*09:15.*per E-Mail benachrichtigt/)
      .waitFor();
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booked.id } })).startsAt).toEqual(zonedToUtc(day, '09:15', tz));

    await page.goto(new URL(`/queue/${mitteId}/appointments?q=Anruferin`, ui.app.url).href);
    await page.getByRole('button', { name: 'Stornieren: Hanna Anruferin' }).click();
    await page.getByRole('status').getByText('Der Termin von Hanna Anruferin ist storniert. Die Person wird per E-Mail benachrichtigt.').waitFor();
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe('CANCELLED');
    const outbox = await db.outboxEvent.findMany({ where: { type: { in: ['appointment.rescheduled', 'appointment.cancelled'] } } });
    expect(
      outbox
        .filter((e) => (e.payload as { appointmentId: string }).appointmentId === booked.id)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['appointment.cancelled', 'appointment.rescheduled']);
  }, 120_000);
});
