import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BookingResponse, QueuePosition } from '@termin/contracts';
import { defaultDevPassword } from '@termin/dev-idp';
import { obtainTokens } from '@termin/dev-idp/test-login';
import { generateBookingCode } from '@termin/domain';
import { checkA11y } from '@termin/testkit/browser';
import { choiceOf, freeDay, noHorizontalScroll, phone, usePortal } from './portal';

// The portal calls the API from one address, so every citizen of this file shares one booking
// rate limit (10 a minute per route by default); the limit itself is tested in the API's tests.
const portal = usePortal({ apiEnv: { RATE_LIMIT_BOOKING_MAX: '1000' } });
const { open } = portal;
const berlin = (instant: string | Date) => ({
  date: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' }).format(new Date(instant)),
  time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(new Date(instant)),
});

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${portal.stack.apiUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as T };
}

async function bookViaApi(choice: { locationId: string; serviceId: string }, startsAt: string, email: string, language: 'de' | 'en' = 'en') {
  const { status, body } = await api<BookingResponse>('/api/v1/appointments', {
    method: 'POST',
    body: JSON.stringify({ tenant: 'demo', ...choice, startsAt, citizen: { name: 'Jane Citizen', email }, smsOptIn: false, language, consent: true }),
  });
  expect(status).toBe(201);
  return body;
}

async function lookUp(page: Page, email: string, labels = { email: 'Email address', show: 'Show appointment' }) {
  await page.getByLabel(labels.email).fill(email);
  await page.getByRole('button', { name: labels.show }).click();
}

/** Links and the address bar must never carry the e-mail address. */
async function addressInUrls(page: Page, email: string): Promise<boolean> {
  const hrefs = await page.locator('a[href], form[action]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('action') ?? ''));
  return [page.url(), ...hrefs].some((url) => decodeURIComponent(url).toLowerCase().includes(email.toLowerCase()));
}

describe('managing a booking', () => {
  it('looks a booking up in English on a phone and shows it in the office’s time, with a calendar file', async () => {
    const choice = await choiceOf(portal, 'buergeramt-mitte', 'personalausweis');
    const day = await freeDay(portal, choice, 0);
    const booking = await bookViaApi(choice, (await day.starts())[0]!, 'jane.manage@example.org');

    const page = await open(`/manage/${booking.bookingCode}?lang=en`, { ...phone, locale: 'en-GB', timezoneId: 'America/New_York' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your appointment');
    expect(await page.locator('dl').count()).toBe(0);
    expect(await checkA11y(page)).toEqual([]);

    await lookUp(page, 'Jane.Manage@example.org');
    await page.locator('dl').waitFor();
    const details = (await page.locator('dl').textContent())!;
    const when = berlin(booking.startsAt);
    expect(details).toContain('Apply for an identity card');
    expect(details).toContain(`${when.date}, ${when.time}`);
    expect(details).toContain('Bürgeramt Mitte');
    expect(details).toContain('Booked, the confirmation is on its way');
    expect(details).toContain(booking.bookingCode);
    expect(await page.getByRole('link', { name: 'Cancel appointment' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Move appointment' }).isVisible()).toBe(true);
    expect(await addressInUrls(page, 'jane.manage@example.org')).toBe(false);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await checkA11y(page)).toEqual([]);

    // The calendar link is served from the portal with the address from the lookup, not the URL.
    const calendarLink = page.getByRole('link', { name: 'Add the appointment to your calendar (.ics file)' });
    const [download] = await Promise.all([page.waitForEvent('download'), calendarLink.click()]);
    expect(download.suggestedFilename()).toBe('appointment.ics');
    const ics = await page.context().request.get(new URL(`/manage/${booking.bookingCode}/calendar.ics`, portal.app.url).href);
    expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
    expect(await ics.text()).toContain('SUMMARY:Appointment: Apply for an identity card');

    // Another browser with nothing but the code sees the form, not the booking, and gets no file.
    const stranger = await open(`/manage/${booking.bookingCode}?lang=en`, phone);
    expect(await stranger.locator('dl').count()).toBe(0);
    const file = await stranger.context().request.get(new URL(`/manage/${booking.bookingCode}/calendar.ics`, portal.app.url).href, { maxRedirects: 0 });
    expect(file.status()).toBe(303);
  });

  it('answers a wrong e-mail address with a clear error and shows nothing of the booking', async () => {
    const choice = await choiceOf(portal, 'buergeramt-mitte', 'reisepass');
    const day = await freeDay(portal, choice, 0);
    const booking = await bookViaApi(choice, (await day.starts())[0]!, 'right@example.org');

    const page = await open(`/manage/${booking.bookingCode}?lang=en`, phone);
    await lookUp(page, 'wrong@example.org');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('There is no appointment for this booking code and e-mail address. Please check both.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    const text = (await page.locator('main').textContent())!;
    expect(text).not.toContain('Apply for a passport');
    expect(text).not.toContain('Bürgeramt Mitte');
    expect(await page.locator('dl').count()).toBe(0);
    expect(await addressInUrls(page, 'wrong@example.org')).toBe(false);
    expect(await checkA11y(page)).toEqual([]);
  });

  it('cancels without JavaScript, from the e-mail’s cancel link, and the time is free again', async () => {
    const choice = await choiceOf(portal, 'kfz-zulassung', 'kfz-abmeldung');
    const day = await freeDay(portal, choice, 1);
    const startsAt = (await day.starts())[0]!;
    // Two counters: with both places taken the time is gone from the availability.
    const booking = await bookViaApi(choice, startsAt, 'max.muster@example.org', 'de');
    await bookViaApi(choice, startsAt, 'someone.else@example.org', 'de');
    expect(await day.starts()).not.toContain(startsAt);

    const page = await open(`/manage/${booking.bookingCode}/cancel`, { ...phone, locale: 'de-DE', javaScriptEnabled: false });
    await lookUp(page, 'max.muster@example.org', { email: 'E-Mail-Adresse', show: 'Termin anzeigen' });
    await page.getByRole('heading', { name: 'Termin absagen' }).waitFor();
    expect(await page.getByText('Möchten Sie diesen Termin wirklich absagen?').isVisible()).toBe(true);
    expect(await addressInUrls(page, 'max.muster@example.org')).toBe(false);

    await page.getByRole('button', { name: 'Ja, Termin absagen' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Ihr Termin ist abgesagt. Sie erhalten eine Bestätigung per E-Mail.');
    expect(await page.locator('dd.status').textContent()).toBe('Abgesagt');
    expect(await page.getByRole('link', { name: 'Termin absagen' }).count()).toBe(0);
    expect(await day.starts()).toContain(startsAt);
  });

  it('says clearly when the cancellation deadline has passed', async () => {
    const choice = await choiceOf(portal, 'buergeramt-mitte', 'fuehrungszeugnis');
    const day = await freeDay(portal, choice, 1);
    const booking = await bookViaApi(choice, (await day.starts())[0]!, 'late@example.org');
    const page = await open(`/manage/${booking.bookingCode}?lang=en`, phone);
    await lookUp(page, 'late@example.org');
    await page.getByRole('link', { name: 'Cancel appointment' }).click();
    await page.getByRole('button', { name: 'Yes, cancel the appointment' }).waitFor();

    // The municipality moves its deadline while she reads: the API refuses, and she is told why.
    const tenant = await portal.stack.db.tenant.findFirstOrThrow({ where: { slug: 'demo' } });
    const minutes = 60 * 24 * 30;
    await portal.stack.db.tenant.update({ where: { id: tenant.id }, data: { cancellationDeadlineMinutes: minutes } });
    try {
      await page.getByRole('button', { name: 'Yes, cancel the appointment' }).click();
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByRole('alert').first().textContent()).toContain(
        `Appointments can only be cancelled or moved up to ${minutes} minutes before they start. Please call us.`,
      );
      // The page reloads what it knows about the booking, and stops offering the cancellation.
      const tooLate = page.getByRole('alert').filter({ hasText: 'This appointment can no longer be cancelled or moved online. Please call us.' });
      await tooLate.waitFor();
      expect(await page.getByRole('button', { name: 'Yes, cancel the appointment' }).count()).toBe(0);
      expect(await checkA11y(page)).toEqual([]);
      expect((await portal.stack.db.appointment.findUniqueOrThrow({ where: { bookingCode: booking.bookingCode } })).status).toBe('PENDING');
    } finally {
      await portal.stack.db.tenant.update({ where: { id: tenant.id }, data: { cancellationDeadlineMinutes: tenant.cancellationDeadlineMinutes } });
    }
  });

  it('moves a booking to another time, offers another when the chosen one was just taken, and shows the new time', async () => {
    const choice = await choiceOf(portal, 'kfz-zulassung', 'kfz-abmeldung');
    const day = await freeDay(portal, choice, 2);
    const [first, taken, , other] = await day.starts();
    const booking = await bookViaApi(choice, first!, 'mover@example.org');

    const page = await open(`/manage/${booking.bookingCode}?lang=en`, phone);
    await lookUp(page, 'mover@example.org');
    await page.getByRole('link', { name: 'Move appointment' }).click();
    await page.getByRole('heading', { name: 'Move appointment' }).waitFor();
    expect(await checkA11y(page)).toEqual([]);
    await page.getByRole('link', { name: berlin(`${day.date}T12:00:00Z`).date }).click();
    await page.waitForURL(/date=/);
    const takenLabel = page.getByLabel(berlin(taken!).time, { exact: true });
    await takenLabel.waitFor();
    // Her own time is not offered as a new one.
    expect(await page.getByLabel(berlin(first!).time, { exact: true }).count()).toBe(0);
    expect(await checkA11y(page)).toEqual([]);

    // Someone else takes the chosen time while she decides.
    await takenLabel.check();
    await bookViaApi(choice, taken!, 'quick1@example.org');
    await bookViaApi(choice, taken!, 'quick2@example.org');
    await page.getByRole('button', { name: 'Move the appointment to this time' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('This appointment has just been taken. Please choose another time.');
    await expect.poll(() => page.getByLabel(berlin(taken!).time, { exact: true }).count()).toBe(0);

    await page.getByLabel(berlin(other!).time, { exact: true }).check();
    await page.getByRole('button', { name: 'Move the appointment to this time' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Your appointment has been moved. You will receive a new confirmation by email.');
    expect(await page.locator('dd.when').textContent()).toBe(`${berlin(other!).date}, ${berlin(other!).time}`);
    const moved = await portal.stack.db.appointment.findUniqueOrThrow({ where: { bookingCode: booking.bookingCode } });
    expect(moved.startsAt.toISOString()).toBe(new Date(other!).toISOString());
    expect(await checkA11y(page)).toEqual([]);
  });
});

/** A confirmed booking at Bürgeramt Mitte starting now, so it is inside the check-in window. */
async function bookingNow(citizenName = 'Erika Musterfrau', citizenEmail = 'erika.musterfrau@example.org') {
  const { locationId, serviceId } = await choiceOf(portal, 'buergeramt-mitte', 'anmeldung');
  const location = await portal.stack.db.location.findUniqueOrThrow({ where: { id: locationId } });
  const now = new Date();
  return portal.stack.db.appointment.create({
    data: {
      tenantId: location.tenantId,
      locationId,
      serviceId,
      startsAt: now,
      endsAt: new Date(now.getTime() + 15 * 60_000),
      status: 'CONFIRMED',
      bookingCode: generateBookingCode(),
      citizenName,
      citizenEmail,
      contactHash: randomBytes(32).toString('hex'),
    },
  });
}

describe('the check-in page behind the QR code', () => {
  it('tells a citizen who has not checked in where to do it, then shows her ticket and place, and no personal data', async () => {
    const booking = await bookingNow();
    const page = await open(`/checkin/${booking.bookingCode}?lang=en`, phone);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Check-in at the office');
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('You are not checked in yet.');
    expect(await page.getByText(/check in at the kiosk or at the counter/).isVisible()).toBe(true);
    // With JavaScript the page reloads its data itself (and says so once the script runs), without reloading the page.
    await page.getByText('This page updates itself every 30 seconds.').waitFor();
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await checkA11y(page)).toEqual([]);

    // This municipality lets citizens check themselves in with the QR code at the entrance (off by default).
    await portal.stack.db.tenant.updateMany({ where: { locations: { some: { id: booking.locationId } } }, data: { selfCheckinEnabled: true } });
    const checkedIn = await api<QueuePosition>(`/api/v1/checkin/${booking.bookingCode}`, { method: 'POST', body: JSON.stringify({ locationId: booking.locationId }) });
    expect(checkedIn.status).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Your ticket number' }).waitFor();
    expect(await page.locator('.ticket').textContent()).toBe(checkedIn.body.ticketNumber);
    expect(await page.getByText(`Your place in the queue: ${checkedIn.body.position}`).isVisible()).toBe(true);
    const text = (await page.locator('body').textContent())!;
    expect(text).not.toContain('Erika');
    expect(text).not.toContain('Musterfrau');
    expect(text).not.toContain('@');
    expect(await checkA11y(page)).toEqual([]);

    // Without JavaScript nothing reloads by itself (a timed reload fails WCAG 2.2.1): she updates the page when she wants.
    const plain = await open(`/checkin/${booking.bookingCode}?lang=en`, { ...phone, javaScriptEnabled: false });
    expect(await plain.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await plain.getByText('This page updates itself every 30 seconds.').count()).toBe(0);
    await plain.getByRole('link', { name: 'Update now' }).click();
    await plain.waitForURL(/refresh=off/);
    expect(await plain.locator('.ticket').textContent()).toBe(checkedIn.body.ticketNumber);
  });
});

describe('the check-in page, live', () => {
  it('shows the call to the counter the moment a clerk makes it, without a reload, where JavaScript runs', async () => {
    const booking = await bookingNow('Lena Live', 'lena.live@example.org');
    const { locationId } = booking;
    await portal.stack.db.tenant.update({ where: { id: booking.tenantId }, data: { selfCheckinEnabled: true } });
    const checkedIn = await api<QueuePosition>(`/api/v1/checkin/${booking.bookingCode}`, { method: 'POST', body: JSON.stringify({ locationId }) });
    expect(checkedIn.status).toBe(200);

    const page = await open(`/checkin/${booking.bookingCode}?lang=en`, phone);
    // The positive signal that the socket is subscribed: the page says it follows changes live.
    await page.getByText('This page shows changes as they happen.').waitFor();
    expect(await page.locator('.ticket').textContent()).toBe(checkedIn.body.ticketNumber);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const staffToken = (
      await obtainTokens({
        issuer: portal.stack.idp.issuer,
        clientId: 'termin-staff',
        redirectUri: 'http://localhost:3001/auth/callback',
        username: 'staff',
        password: defaultDevPassword('staff'),
      })
    ).accessToken;
    const entry = await portal.stack.db.queueEntry.findUniqueOrThrow({ where: { appointmentId: booking.id } });
    const counter = await portal.stack.db.counter.findFirstOrThrow({ where: { locationId }, orderBy: { name: 'asc' } });
    const called = await api(`/api/v1/queue-entries/${entry.id}/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staffToken}` },
      body: JSON.stringify({ counterId: counter.id }),
    });
    expect(called.status).toBe(200);

    await page.getByText(`It is your turn! Please go to: ${counter.name}`).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.getByText(/Your place in the queue/).count()).toBe(0);
    expect(await checkA11y(page)).toEqual([]);
  });
});

describe('security headers', () => {
  it('sends a nonce-based Content-Security-Policy and the framing, referrer and feature headers; the page runs under them', async () => {
    const res = await fetch(new URL('/?lang=en', portal.app.url));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    // Served over plain http here: no HSTS (it is sent when ORIGIN is https).
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`nonce="${nonce}"`);

    const violations: string[] = [];
    const page = await open('/?lang=en', phone);
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.reload();
    // SvelteKit's start-up script (inline, with the nonce) ran: the app is hydrated.
    await page.waitForFunction(() => Object.keys(window).some((k) => k.startsWith('__sveltekit')));
    expect(await checkA11y(page)).toEqual([]);
    expect(violations).toEqual([]);
  });
});
