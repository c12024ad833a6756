import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startWebAppUnderTest, type WebAppUnderTest } from '@termin/api/testing/running-stack';
import { defaultDevPassword } from '@termin/dev-idp';
import { obtainTokens } from '@termin/dev-idp/test-login';
import { generateBookingCode } from '@termin/domain';
import { citizenLinks, qrPng } from '@termin/notifications';
import { confirmedBookingNow } from './support/bookings';
import { checkA11y, launchBrowser, signInThroughProvider } from '@termin/testkit/browser';
import { writeY4mFromPng } from './support/fake-camera';

let ui: WebAppUnderTest;
let mitteId: string;
let staffToken: string;
let adminToken: string;
let cameraBrowser: Browser | undefined;
const scratch = mkdtempSync(join(tmpdir(), 'kiosk-camera-'));
// Screenshots of the workstation screens from this run, next to the run's other results (not in git).
const shots = fileURLToPath(new URL('../../../.test-results/staff-screens/', import.meta.url));
mkdirSync(shots, { recursive: true });

const tokenOf = async (username: string) =>
  (
    await obtainTokens({
      issuer: ui.stack.idp.issuer,
      clientId: 'termin-staff',
      redirectUri: `${ui.app.url}/auth/callback`,
      username,
      password: defaultDevPassword(username),
    })
  ).accessToken;

beforeAll(async () => {
  ui = await startWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));
  mitteId = (await ui.stack.db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } })).id;
  staffToken = await tokenOf('staff');
  adminToken = await tokenOf('admin');
}, 300_000);
afterEach(async () => ui?.closeContexts());
afterAll(async () => {
  await cameraBrowser?.close();
  await ui?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const at = (path: string) => new URL(path, ui.app.url).href;

/** Every page of a workstation: no WCAG 2.1 AA violation, and a full-page screenshot. */
async function inspect(page: Page, name: string) {
  expect(await checkA11y(page), `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
}

interface Citizen {
  name: string;
  email?: string;
  phone?: string;
}

/** Booked three days ago: the no-show risk stays low. */
const bookingNow = (c: Citizen, bookingCode?: string) =>
  confirmedBookingNow(ui.stack.db, mitteId, { citizenName: c.name, email: c.email, phone: c.phone, bookingCode, bookedAgoMs: 3 * 24 * 3_600_000 });

async function api(method: string, path: string, body?: unknown, token = staffToken) {
  const res = await fetch(`${ui.stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function clearQueue() {
  await ui.stack.db.queueEntry.updateMany({ where: { locationId: mitteId, status: { in: ['WAITING', 'CALLED'] } }, data: { status: 'DONE' } });
}

async function counterId(name: string) {
  return (await ui.stack.db.counter.findFirstOrThrow({ where: { locationId: mitteId, name } })).id;
}

async function takeCounter(clerk: Page, name: string) {
  await clerk.getByLabel('Mein Schalter').selectOption({ label: `Schalter ${name}` });
  await clerk.getByRole('button', { name: 'Schalter übernehmen' }).click();
  await clerk.getByText(`Schalter ${name}: geöffnet`).waitFor();
}

const todayRow = (clerk: Page, name: string) =>
  clerk
    .getByRole('region', { name: /Termine heute/ })
    .getByRole('row')
    .filter({ has: clerk.getByRole('rowheader', { name }) });

/** The waits below are bounded at a few seconds: the screens follow at once, the timing itself is a benchmark's. */
const PROMPTLY = 5_000;

describe('the kiosk camera', () => {
  it("reads the confirmation e-mail's QR code: she is checked in, audited as the kiosk, and an open dashboard shows her present", async () => {
    await clearQueue();
    const bookingCode = generateBookingCode();
    // Exactly the picture the confirmation e-mail attaches: the QR code of her check-in address.
    const qrContent = citizenLinks(ui.stack.app.config.CITIZEN_BASE_URL, bookingCode).checkin;
    const video = join(scratch, 'qr.y4m');
    writeY4mFromPng(await qrPng(qrContent), video);
    cameraBrowser = await launchBrowser({ args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`] });
    const booking = await bookingNow({ name: 'Kamera Kundin' }, bookingCode);

    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE' })).page;
    await clerk.getByText('Live-Aktualisierung aktiv').waitFor();
    expect(await todayRow(clerk, 'Kamera Kundin').getByRole('cell').nth(2).textContent()).toBe('Erwartet');

    const context = await cameraBrowser.newContext({ locale: 'de-DE', viewport: { width: 1080, height: 1920 } });
    const kiosk = await context.newPage();
    await kiosk.goto(at(`/kiosk/${mitteId}`));
    await signInThroughProvider(kiosk, { username: 'kiosk', password: defaultDevPassword('kiosk') }, ui.app.url);
    const shown = kiosk.getByRole('region', { name: /Ihre Wartenummer/ });
    await shown.waitFor({ timeout: 15_000 });
    const entry = await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: booking.id } });
    expect(await shown.locator('.number').textContent()).toBe(entry.ticketNumber);
    await inspect(kiosk, 'kiosk-ticket');

    await todayRow(clerk, 'Kamera Kundin').getByRole('cell').nth(2).getByText('Anwesend').waitFor({ timeout: PROMPTLY });
    await clerk
      .getByRole('region', { name: /Wartend/ })
      .getByRole('article', { name: entry.ticketNumber })
      .waitFor({ timeout: PROMPTLY });

    const log = await api('GET', `/api/v1/admin/audit-log?locationId=${mitteId}`, undefined, adminToken);
    expect(log.body.entries).toContainEqual(expect.objectContaining({ actor: 'kiosk', role: 'kiosk', action: 'appointment.checkin', entityId: booking.id }));

    // It starts over on its own, the camera running again (the same code in front of it is not sent twice).
    await kiosk.getByRole('heading', { name: 'Halten Sie Ihren QR-Code vor die Kamera' }).waitFor({ timeout: 15_000 });
    // The picture is shown while it scans; the typed field stays as the fallback.
    const preview = kiosk.getByLabel('Kamerabild zum Scannen des QR-Codes');
    await expect.poll(() => preview.evaluate((v: HTMLVideoElement) => v.readyState >= 2 && v.srcObject !== null)).toBe(true);
    expect(await kiosk.getByLabel('Buchungscode eingeben oder QR-Code scannen').isVisible()).toBe(true);
    await inspect(kiosk, 'kiosk-camera');
    expect(await ui.stack.db.queueEntry.count({ where: { appointmentId: booking.id } })).toBe(1);
    await context.close();
  }, 90_000);

  it('says so and keeps the typed field when there is no camera: a hand scanner types the QR content, she is present on the dashboard, audited as the kiosk', async () => {
    const booking = await bookingNow({ name: 'Ohne Kamera' });
    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE' })).page;
    await clerk.getByText('Live-Aktualisierung aktiv').waitFor();
    const kiosk = (await ui.signedIn('kiosk', `/kiosk/${mitteId}?lang=en`)).page;
    await kiosk.getByText('The camera is not available. Please type your code below.').waitFor({ timeout: PROMPTLY });
    // A USB hand scanner is a keyboard: it types the QR code's whole content and presses Enter.
    await kiosk.getByLabel('Enter your booking code or scan the QR code').focus();
    await kiosk.keyboard.type(citizenLinks(ui.stack.app.config.CITIZEN_BASE_URL, booking.bookingCode).checkin);
    await kiosk.keyboard.press('Enter');
    await kiosk.getByRole('region', { name: /Your ticket number/ }).waitFor();
    expect(await kiosk.getByText(/This screen starts over in \d+ seconds\./).isVisible()).toBe(true);
    await inspect(kiosk, 'kiosk-no-camera-en');

    await todayRow(clerk, 'Ohne Kamera').getByRole('cell').nth(2).getByText('Anwesend').waitFor({ timeout: PROMPTLY });
    const log = await api('GET', `/api/v1/admin/audit-log?locationId=${mitteId}`, undefined, adminToken);
    expect(log.body.entries).toContainEqual(expect.objectContaining({ actor: 'kiosk', role: 'kiosk', action: 'appointment.checkin', entityId: booking.id }));
  }, 60_000);
});

describe("the clerk's dashboard", () => {
  it('checks citizens in from the list and by code, draws walk-ins, calls a particular ticket, recalls, sends back, notes, pauses and closes', async () => {
    await clearQueue();
    const listed = await bookingNow({ name: 'Liste Anmeldung' });
    const byCode = await bookingNow({ name: 'Code Anmeldung' });
    const home = (await ui.signedIn('staff', '/', { locale: 'de-DE' })).page;
    await inspect(home, 'home');
    await home.getByRole('link', { name: 'Schalter-Übersicht: Bürgeramt Mitte' }).click();
    const clerk = home;
    await clerk.getByRole('heading', { level: 1, name: 'Warteschlange Bürgeramt Mitte' }).waitFor();
    await takeCounter(clerk, '1');
    await clerk.getByText('Live-Aktualisierung aktiv').waitFor();

    // From today's list.
    await todayRow(clerk, 'Liste Anmeldung').getByRole('button', { name: 'Anmelden: Liste Anmeldung' }).click();
    await clerk.getByText(/^Angemeldet: Wartenummer [A-Z]\d{3}\.$/).waitFor();
    const listedEntry = await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: listed.id } });
    await clerk.getByText(`Angemeldet: Wartenummer ${listedEntry.ticketNumber}.`).waitFor();
    await todayRow(clerk, 'Liste Anmeldung').getByRole('cell').nth(2).getByText('Anwesend').waitFor({ timeout: PROMPTLY });

    // By the code the citizen reads out.
    await clerk.getByLabel('Buchungscode oder Inhalt des QR-Codes').fill(byCode.bookingCode.toLowerCase());
    await clerk.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await clerk.getByText(new RegExp(`^Angemeldet: Wartenummer (?!${listedEntry.ticketNumber})`)).waitFor();
    const codeEntry = await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: byCode.id } });
    await clerk.getByText(`Angemeldet: Wartenummer ${codeEntry.ticketNumber}.`).waitFor();
    await clerk.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await clerk.getByText('Bitte geben Sie einen Buchungscode ein.').waitFor();

    // A walk-in for the chosen service.
    const service = await ui.stack.db.service.findFirstOrThrow({ where: { slug: 'reisepass' } });
    await clerk.getByLabel('Anliegen', { exact: true }).selectOption({ label: service.nameDe });
    await clerk.getByRole('button', { name: 'Wartenummer ziehen' }).click();
    await clerk.getByText(/^Wartenummer [A-Z]\d{3} gezogen\.$/).waitFor();
    const walkIn = await ui.stack.db.queueEntry.findFirstOrThrow({
      where: { locationId: mitteId, kind: 'WALK_IN', status: 'WAITING' },
      orderBy: { checkedInAt: 'desc' },
    });
    expect(walkIn.serviceId).toBe(service.id);
    const waiting = clerk.getByRole('region', { name: /Wartend/ });
    await waiting.getByRole('article', { name: walkIn.ticketNumber }).waitFor({ timeout: PROMPTLY });

    // The walk-in first, out of order; then again; then a note; then back to the waiting room.
    await waiting.getByRole('button', { name: `Aufrufen: ${walkIn.ticketNumber}` }).click();
    await clerk.getByText(`${walkIn.ticketNumber} an Schalter 1 aufgerufen.`).waitFor();
    const calledCard = clerk.getByRole('region', { name: /Aufgerufen/ }).getByRole('article', { name: walkIn.ticketNumber });
    await calledCard.getByRole('button', { name: `Erneut aufrufen: ${walkIn.ticketNumber}` }).click();
    await calledCard.getByText('1× erneut aufgerufen').waitFor({ timeout: PROMPTLY });
    await calledCard.getByLabel(`Notiz zu ${walkIn.ticketNumber} (nur für Mitarbeitende)`).fill('Passfoto fehlt, kommt nach dem Fotoautomaten wieder');
    await calledCard.getByRole('button', { name: 'Notiz speichern' }).click();
    await clerk.getByText(`Notiz zu ${walkIn.ticketNumber} gespeichert.`).waitFor();
    expect((await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { id: walkIn.id } })).visitNote).toBe('Passfoto fehlt, kommt nach dem Fotoautomaten wieder');
    await inspect(clerk, 'dashboard');
    await calledCard.getByRole('button', { name: `Zurück in die Warteschlange: ${walkIn.ticketNumber}` }).click();
    await waiting.getByRole('article', { name: walkIn.ticketNumber }).waitFor({ timeout: PROMPTLY });

    // A break: nobody is called to the counter until it ends; closed for the day likewise.
    await clerk.getByRole('button', { name: 'Pause', exact: true }).click();
    await clerk.getByText('Schalter 1 ist jetzt in Pause.').waitFor();
    expect(await clerk.getByRole('button', { name: 'Nächste aufrufen' }).isDisabled()).toBe(true);
    expect(await clerk.getByText('Ihr Schalter ist nicht geöffnet; es wird niemand zu ihm aufgerufen.').isVisible()).toBe(true);
    const refused = await api('POST', `/api/v1/locations/${mitteId}/queue/call-next`, { counterId: await counterId('1') });
    expect(refused.status).toBe(409);
    expect((refused.body.error as { code: string }).code).toBe('counter_paused');
    await clerk.getByRole('button', { name: 'Pause beenden' }).click();
    await clerk.getByText('Schalter 1: geöffnet').waitFor();
    await clerk.getByRole('button', { name: 'Für heute schließen' }).click();
    await clerk.getByText('Schalter 1: für heute geschlossen').waitFor();
    await inspect(clerk, 'dashboard-closed');
    await clerk.getByRole('button', { name: 'Wieder öffnen' }).click();
    await clerk.getByRole('button', { name: 'Nächste aufrufen' }).and(clerk.locator(':enabled')).waitFor();
    await clerk.goto(at(`/queue/${mitteId}?lang=en`), { waitUntil: 'networkidle' });
    await inspect(clerk, 'dashboard-en');
  }, 120_000);

  it('works without JavaScript: a check-in by code and a walk-in are plain form posts', async () => {
    await clearQueue();
    const booking = await bookingNow({ name: 'Ohne Skript Zwei' });
    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE', javaScriptEnabled: false })).page;
    await clerk.getByLabel('Buchungscode oder Inhalt des QR-Codes').fill(booking.bookingCode);
    await clerk.getByRole('button', { name: 'Anmelden', exact: true }).click();
    const entry = await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: booking.id } });
    expect(await clerk.getByText(`Angemeldet: Wartenummer ${entry.ticketNumber}.`).isVisible()).toBe(true);
    await clerk.getByRole('button', { name: 'Wartenummer ziehen' }).click();
    expect(await clerk.getByText(/^Wartenummer [A-Z]\d{3} gezogen\.$/).isVisible()).toBe(true);
  }, 60_000);
});

describe('the waiting-room display', () => {
  it('shows the calls of the counters chosen in its settings, as many as set, with the number waiting and an estimate', async () => {
    await clearQueue();
    const settings = (await ui.signedIn('staff', '/', { locale: 'de-DE' })).page;
    await settings.getByRole('link', { name: 'Aufrufanzeige einrichten: Bürgeramt Mitte' }).click();
    await settings.getByRole('heading', { level: 1, name: 'Aufrufanzeige Bürgeramt Mitte einrichten' }).waitFor();
    await settings.getByLabel('Frühere Aufrufe unter dem aktuellen').selectOption('1');
    await settings.getByLabel('Schalter 2').check();
    await settings.getByRole('button', { name: 'Speichern' }).click();
    await settings.getByText('Gespeichert. Offene Anzeigen übernehmen es sofort.').waitFor();
    await inspect(settings, 'display-settings');

    const display = (await ui.signedIn('display', `/display/${mitteId}`, { locale: 'de-DE', viewport: { width: 1920, height: 1080 } })).page;
    await display.getByText('Wartende: 0').waitFor();
    const tickets: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { body } = await api('POST', `/api/v1/locations/${mitteId}/queue/walk-ins`, {
        serviceId: (await ui.stack.db.service.findFirstOrThrow({ where: { slug: 'reisepass' } })).id,
      });
      tickets.push((body.entry as { ticketNumber: string }).ticketNumber);
    }
    await display.getByText('Wartende: 4').waitFor({ timeout: PROMPTLY });
    await display.getByText(/Geschätzte Wartezeit: etwa \d+ Min\./).waitFor({ timeout: PROMPTLY });

    const callAt = async (counter: string) => api('POST', `/api/v1/locations/${mitteId}/queue/call-next`, { counterId: await counterId(counter) });
    await callAt('2');
    await callAt('3');
    await callAt('2');
    const current = display.getByRole('region', { name: 'Aktueller Aufruf' });
    await current.getByText(tickets[2]!).waitFor({ timeout: PROMPTLY });
    await display.getByText('Wartende: 1').waitFor({ timeout: PROMPTLY });
    const previous = display.getByRole('region', { name: 'Zuletzt aufgerufen' });
    // One earlier call, and only counter 2's: counter 3's call is not this screen's.
    expect((await previous.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([`${tickets[0]} → Schalter 2`]);
    expect(await display.getByText(tickets[1]!).count()).toBe(0);
    await inspect(display, 'display-1920x1080');

    await settings.getByLabel('Schalter 2').uncheck();
    await settings.getByLabel('Frühere Aufrufe unter dem aktuellen').selectOption('5');
    await settings.getByRole('button', { name: 'Speichern' }).click();
    await settings.getByText('Gespeichert. Offene Anzeigen übernehmen es sofort.').waitFor();
    // The open display takes the change over without a reload.
    await previous.getByText(tickets[1]!).waitFor({ timeout: PROMPTLY });
  }, 90_000);

  it("sends the display no citizen's name, e-mail, phone, booking code or visit note while she is checked in and called", async () => {
    await clearQueue();
    const citizen = { name: 'Henriette Sichtbarkeit', email: 'henriette.sichtbarkeit@example.org', phone: '+4915790011223' };
    const display = (await ui.signedIn('display', `/display/${mitteId}`, { locale: 'de-DE', viewport: { width: 1920, height: 1080 } })).page;
    const traffic: string[] = [];
    display.on('request', (request) => traffic.push(`${request.url()} ${request.postData() ?? ''}`));
    display.on('response', (response) => {
      void response
        .text()
        .then((text) => traffic.push(text))
        .catch(() => undefined);
    });
    display.on('websocket', (socket) => {
      socket.on('framereceived', (frame) => traffic.push(String(frame.payload)));
      socket.on('framesent', (frame) => traffic.push(String(frame.payload)));
    });
    await display.reload();
    await display.getByText('Wartende: 0').waitFor();

    const booking = await bookingNow(citizen);
    const checkin = await api('PATCH', `/api/v1/appointments/${booking.id}/checkin`, { locationId: mitteId });
    expect(checkin.status).toBe(200);
    const entry = checkin.body.queueEntry as { id: string; ticketNumber: string };
    expect((await api('PUT', `/api/v1/queue-entries/${entry.id}/note`, { note: 'Vertraulich: Betreuungsfall' })).status).toBe(200);
    await display.getByText('Wartende: 1').waitFor({ timeout: PROMPTLY });
    expect((await api('POST', `/api/v1/locations/${mitteId}/queue/call-next`, { counterId: await counterId('4') })).status).toBe(200);
    await display.getByRole('region', { name: 'Aktueller Aufruf' }).getByText(entry.ticketNumber).waitFor({ timeout: PROMPTLY });
    await display.getByText('Wartende: 0').waitFor({ timeout: PROMPTLY });
    await expect.poll(() => traffic.some((t) => t.includes(entry.ticketNumber) && t.includes('CALLED'))).toBe(true);

    const everything = traffic.join('\n');
    expect(everything).toContain(entry.ticketNumber);
    for (const secret of ['Henriette', 'Sichtbarkeit', citizen.email, citizen.phone, '15790011223', booking.bookingCode, 'Betreuungsfall']) {
      expect(everything, secret).not.toContain(secret);
    }
  }, 60_000);
});

describe('an API restart', () => {
  it('leaves dashboard, kiosk and display correct: they reconnect, re-read the queue and show a call made after it', async () => {
    await clearQueue();
    const before = await bookingNow({ name: 'Vor Neustart' });
    await api('PATCH', `/api/v1/appointments/${before.id}/checkin`, { locationId: mitteId });
    const clerk = (await ui.signedIn('staff', `/queue/${mitteId}`, { locale: 'de-DE' })).page;
    await takeCounter(clerk, '2');
    await clerk.getByText('Live-Aktualisierung aktiv').waitFor();
    const display = (await ui.signedIn('display', `/display/${mitteId}`, { locale: 'de-DE', viewport: { width: 1920, height: 1080 } })).page;
    await display.getByText('Wartende: 1').waitFor();
    const kiosk = (await ui.signedIn('kiosk', `/kiosk/${mitteId}`, { locale: 'de-DE' })).page;

    await ui.stack.stopApi();
    await display.getByText('Verbindung wird wiederhergestellt …').waitFor({ timeout: PROMPTLY });
    await clerk.getByText('Keine Live-Verbindung').waitFor({ timeout: PROMPTLY });
    // While it is down, another API instance gives someone a ticket: these screens miss its announcement.
    const location = await ui.stack.db.location.findUniqueOrThrow({ where: { id: mitteId } });
    const offered = await ui.stack.db.locationService.findFirstOrThrow({ where: { locationId: mitteId } });
    const localDate = new Date(`${new Intl.DateTimeFormat('en-CA', { timeZone: location.timezone }).format(new Date())}T00:00:00Z`);
    await ui.stack.db.queueEntry.create({
      data: { tenantId: location.tenantId, locationId: mitteId, serviceId: offered.serviceId, kind: 'WALK_IN', ticketNumber: 'Z901', localDate },
    });
    await ui.stack.startApi();

    // Both screens come back on their own and re-read what they missed.
    await clerk.getByText('Live-Aktualisierung aktiv').waitFor({ timeout: 30_000 });
    await display.getByText('Verbindung wird wiederhergestellt …').waitFor({ state: 'detached', timeout: 30_000 });
    await display.getByText('Wartende: 2').waitFor({ timeout: PROMPTLY });
    await clerk
      .getByRole('region', { name: /Wartend/ })
      .getByRole('article', { name: 'Z901' })
      .waitFor({ timeout: PROMPTLY });

    const after = await bookingNow({ name: 'Nach Neustart' });
    await kiosk.getByLabel('Buchungscode eingeben oder QR-Code scannen').fill(after.bookingCode);
    await kiosk.getByRole('button', { name: 'Anmelden' }).click();
    await kiosk.getByRole('region', { name: /Ihre Wartenummer/ }).waitFor();
    const afterEntry = await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: after.id } });
    await todayRow(clerk, 'Nach Neustart').getByRole('cell').nth(2).getByText('Anwesend').waitFor({ timeout: PROMPTLY });
    await display.getByText('Wartende: 3').waitFor({ timeout: PROMPTLY });

    const beforeEntry = await ui.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: before.id } });
    await clerk.getByRole('button', { name: 'Nächste aufrufen' }).click();
    await clerk.getByText(`${beforeEntry.ticketNumber} an Schalter 2 aufgerufen.`).waitFor();
    const current = display.getByRole('region', { name: 'Aktueller Aufruf' });
    await current.getByText(beforeEntry.ticketNumber).waitFor({ timeout: PROMPTLY });
    await clerk.getByRole('button', { name: 'Nächste aufrufen' }).click();
    await current.getByText(afterEntry.ticketNumber).waitFor({ timeout: PROMPTLY });
    await expect.poll(() => display.locator('.announcer[aria-live="assertive"]').textContent()).toBe(`Wartenummer ${afterEntry.ticketNumber}, bitte zu Schalter 2.`);
  }, 120_000);
});
