import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '@termin/api/testing/running-stack';
import { defaultDevPassword } from '@termin/dev-idp';
import { localDateOf, localTimeOf } from '@termin/domain';
import type { SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { checkA11y, type BuiltApp } from '@termin/testkit/browser';
import { waitFor } from '@termin/testkit/wait';
import { useAppsUnderTest } from './apps-under-test';
import { createAndLand, createService, field, submit } from './support';

/**
 * Issue #14's acceptance path across the three apps and the worker: an administrator sets up a new
 * office in the admin app, the worker's publish job makes its slots, a citizen books one in the
 * portal, checks in at the office's kiosk on the day, and a clerk at a counter serving that service
 * calls her on the staff dashboard (a counter for the other service does not).
 */

// The API's clock runs with the real one until the test moves it to the day of the appointment.
let offset = 0;
const apiNow = () => new Date(Date.now() + offset);

const office = { tenant: 'demo', locations: ['buergerbuero-nord'] };
const under = useAppsUnderTest({
  apps: ['admin', 'staff', 'citizen'],
  worker: true,
  stack: {
    now: apiNow,
    users: [
      { username: 'clerk-nord', password: defaultDevPassword('clerk-nord'), roles: ['staff'], ...office },
      { username: 'kiosk-nord', password: defaultDevPassword('kiosk-nord'), roles: ['kiosk'], ...office },
    ],
  },
});
let stack: RunningStack;
let admin: BuiltApp;
let staff: BuiltApp;
let citizen: BuiltApp;
let sink: SmtpSink;
beforeAll(() => {
  ({ stack, sink } = under);
  ({ admin, staff, citizen } = under.apps);
});
const { signedIn, newPage } = under;

describe('from a new office to a called citizen', () => {
  it('admin sets up the office, the worker publishes its slots, a citizen books, checks in and is called at a counter of her service', async () => {
    // 1. The administrator: two services, the office, three counters, hours with a lunch break, a closure.
    const adminPage = await signedIn(admin, 'admin');
    await createService(adminPage, admin.url, {
      slug: 'wohngeld',
      nameDe: 'Wohngeld beantragen',
      nameEn: 'Apply for housing benefit',
      prefix: 'W',
      documentsDe: 'Mietvertrag und Einkommensnachweise',
    });
    await createService(adminPage, admin.url, {
      slug: 'eheschliessung',
      nameDe: 'Eheschließung anmelden',
      nameEn: 'Give notice of marriage',
      prefix: 'E',
      documentsDe: 'Geburtsurkunden',
    });
    await adminPage.goto(new URL('/locations/new', admin.url).href);
    await field(adminPage, 'slug').fill('buergerbuero-nord');
    await field(adminPage, 'name').fill('Bürgerbüro Nord');
    await field(adminPage, 'address').fill('Nordplatz 1, 10115 Berlin');
    await field(adminPage, 'timezone').fill('Europe/Berlin');
    await field(adminPage, 'slotMinutes').fill('15');
    await adminPage.getByLabel('Wohngeld beantragen').check();
    await adminPage.getByLabel('Eheschließung anmelden').check();
    await createAndLand(adminPage, /\/locations\/[0-9a-f-]{36}\?created=1$/);
    const locationId = /\/locations\/([0-9a-f-]{36})/.exec(adminPage.url())![1]!;

    await adminPage.getByRole('link', { name: 'Schalter', exact: true }).click();
    await adminPage.waitForURL(/\/counters$/);
    for (const [name, services] of [
      ['1', ['Wohngeld beantragen', 'Eheschließung anmelden']],
      ['2', ['Wohngeld beantragen']],
      ['3', ['Eheschließung anmelden']],
    ] as const) {
      await field(adminPage, 'name').fill(name);
      for (const service of services) await adminPage.getByLabel(service).check();
      await submit(adminPage, 'Anlegen');
      expect(await adminPage.getByRole('status').textContent()).toContain('Angelegt.');
    }
    expect(await adminPage.locator('tbody th').allTextContents()).toEqual(['1', '2', '3']);
    const counters = await stack.db.counter.findMany({ where: { locationId }, include: { services: true }, orderBy: { name: 'asc' } });
    expect(counters.map((c) => [c.name, c.active, c.services.length])).toEqual([
      ['1', true, 2],
      ['2', true, 1],
      ['3', true, 1],
    ]);

    await adminPage.getByRole('link', { name: 'Öffnungszeiten' }).click();
    await adminPage.waitForURL(/\/hours$/);
    for (const weekday of [1, 2, 3, 4, 5]) {
      await field(adminPage, `s0.w${weekday}.0.opens`).fill('08:00');
      await field(adminPage, `s0.w${weekday}.0.closes`).fill('12:00');
      await field(adminPage, `s0.w${weekday}.1.opens`).fill('13:00');
      await field(adminPage, `s0.w${weekday}.1.closes`).fill('16:00');
    }
    await submit(adminPage, 'Speichern');
    expect(await adminPage.getByRole('status').first().textContent()).toContain('Gespeichert.');

    // Closed on the next Wednesday at least a week away.
    let closed = new Date(Date.now() + 7 * 86_400_000);
    while (closed.getUTCDay() !== 3) closed = new Date(closed.getTime() + 86_400_000);
    const closedDay = closed.toISOString().slice(0, 10);
    await adminPage.getByRole('link', { name: 'Schließtage' }).click();
    await adminPage.waitForURL(/\/closures$/);
    await field(adminPage, 'date').fill(closedDay);
    await field(adminPage, 'reason').fill('Betriebsausflug');
    await submit(adminPage, 'Schließtag eintragen');
    expect(await adminPage.locator('tbody td').allTextContents()).toContain('Betriebsausflug');

    // 2. The worker's publish job (after each rule change) makes the slots: none at lunch, none on the closed day.
    // Published once after the hours and again after the closure (job id = location + rules version).
    const slots = await waitFor('the published slots of the new office, without the closed day', async () => {
      const rows = await stack.db.timeSlot.findMany({ where: { locationId } });
      const beyond = rows.some((s) => s.startsAt.getTime() > closed.getTime() + 2 * 86_400_000);
      return beyond && !rows.some((s) => localDateOf(s.startsAt, 'Europe/Berlin') === closedDay) ? rows : null;
    });
    const times = new Set(slots.map((s) => localTimeOf(s.startsAt, 'Europe/Berlin')));
    expect(times.has('08:00') && times.has('11:45') && times.has('13:00') && times.has('15:45')).toBe(true);
    expect([...times].filter((t) => t >= '12:00' && t < '13:00')).toEqual([]);
    expect(slots.filter((s) => localDateOf(s.startsAt, 'Europe/Berlin') === closedDay)).toEqual([]);
    // Every slot takes as many bookings as the office has open counters.
    expect(new Set(slots.map((s) => s.capacity))).toEqual(new Set([3]));

    // 3. The citizen books housing benefit on a day after today, in German.
    const portal = await newPage();
    await portal.goto(citizen.url);
    await portal.getByRole('link', { name: /Bürgerbüro Nord/ }).click();
    await portal.waitForURL(/\/book\/[^/]+$/);
    await portal.getByRole('link', { name: 'Wohngeld beantragen' }).click();
    await portal.waitForURL(/\/book\/[^/]+\/[^/?]+$/);
    expect(await portal.getByRole('region', { name: 'Bitte mitbringen' }).textContent()).toContain('Mietvertrag und Einkommensnachweise');
    await portal.locator('ul.choices a').nth(1).click();
    await portal.waitForURL(/\?date=\d{4}-\d{2}-\d{2}$/);
    await portal.getByRole('button', { name: 'Weiter' }).click();
    await portal.getByLabel('Name').fill('Erika Nord');
    await portal.getByLabel('E-Mail-Adresse').fill('erika.nord@example.org');
    await portal.getByLabel(/einverstanden/).check();
    await portal.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
    await portal.waitForURL(/\/booked\//);
    const code = (await portal.locator('dd.code').textContent())!;
    expect(await portal.locator('dd.documents').textContent()).toBe('Mietvertrag und Einkommensnachweise');
    expect(await checkA11y(portal)).toEqual([]);
    const booking = await stack.db.appointment.findUniqueOrThrow({ where: { bookingCode: code }, include: { service: true } });
    expect([booking.locationId, booking.service.slug, booking.channel]).toEqual([locationId, 'wohngeld', 'online']);

    // The worker confirms the booking and e-mails her the confirmation with what to bring.
    const mail = await waitFor('the confirmation e-mail', () => sink.messages.find((m) => m.text?.includes(code)) ?? null);
    expect(mail.text).toContain('Bitte mitbringen:\nMietvertrag und Einkommensnachweise');
    await waitFor('the confirmed booking', async () =>
      (await stack.db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).status === 'CONFIRMED' ? true : null,
    );

    // 4. The day of the appointment, five minutes before: she checks in at the office's kiosk.
    offset = booking.startsAt.getTime() - 5 * 60_000 - Date.now();
    const kiosk = await signedIn(staff, 'kiosk-nord');
    expect(new URL(kiosk.url()).pathname).toBe(`/kiosk/${locationId}`);
    await kiosk.getByLabel('Buchungscode eingeben oder QR-Code scannen').fill(code);
    await kiosk.getByRole('button', { name: 'Anmelden' }).click();
    await kiosk.getByRole('heading', { name: 'Ihre Wartenummer' }).waitFor();
    const entry = await stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: booking.id } });
    expect(entry.ticketNumber).toBe('W001');

    // 5. A clerk at counter 3 (marriage notices only) gets nobody; at counter 2 (housing benefit) he calls her.
    const clerk = await signedIn(staff, 'clerk-nord', `/queue/${locationId}`);
    await clerk.getByRole('heading', { level: 1, name: 'Warteschlange Bürgerbüro Nord' }).waitFor();
    const take = async (name: string) => {
      await clerk.getByLabel('Mein Schalter').selectOption({ label: `Schalter ${name}` });
      await clerk.getByRole('button', { name: 'Schalter übernehmen' }).click();
      // The button was enabled for the previous counter too: wait until the page names the new one.
      await clerk.getByText(new RegExp(`^Schalter ${name}: `)).waitFor();
      await clerk.getByRole('button', { name: 'Nächste aufrufen' }).and(clerk.locator(':enabled')).waitFor();
    };
    await take('3');
    await clerk.getByRole('button', { name: 'Nächste aufrufen' }).click();
    await clerk.getByRole('status').getByText('Niemand wartet.').waitFor();
    expect((await stack.db.queueEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe('WAITING');
    await take('2');
    await clerk.getByRole('button', { name: 'Nächste aufrufen' }).click();
    await clerk.getByRole('status').getByText('W001 an Schalter 2 aufgerufen.').waitFor();
    const called = await stack.db.queueEntry.findUniqueOrThrow({ where: { id: entry.id }, include: { counter: true } });
    expect([called.status, called.counter?.name]).toEqual(['CALLED', '2']);
    expect(await checkA11y(clerk)).toEqual([]);
  }, 300_000);
});
