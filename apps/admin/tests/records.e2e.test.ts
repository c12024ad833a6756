import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useWebAppUnderTest } from '@termin/api/testing/running-stack';
import { applyRetention } from '@termin/db';
import { field, inspect, submit } from './support';

const ui = useWebAppUnderTest(fileURLToPath(new URL('..', import.meta.url)));

/** The running stack's contact-hash key: the hash the booking would have stored for this address. */
const STACK_SECRET = 'stack-secret-stack-secret-stack-secret';
const hashOf = (email: string) => createHmac('sha256', STACK_SECRET).update(email.trim().toLowerCase(), 'utf8').digest('hex');

/** A past appointment at Mitte as booking and the worker leave it, with its message log. */
async function pastAppointment(email: string, daysAgo: number, status: 'DONE' | 'NOSHOW') {
  const db = ui.stack.db;
  const location = await db.location.findFirstOrThrow({ where: { slug: 'buergeramt-mitte' } });
  const service = await db.service.findFirstOrThrow({ where: { tenantId: location.tenantId } });
  const startsAt = new Date(Date.now() - daysAgo * 86_400_000);
  // Hex digits are Crockford symbols too: a valid, random booking code.
  const bookingCode = randomUUID()
    .replace(/-/g, '')
    .slice(0, 16)
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1-');
  const appointment = await db.appointment.create({
    data: {
      tenantId: location.tenantId,
      locationId: location.id,
      serviceId: service.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      status,
      bookingCode,
      contactHash: hashOf(email),
      citizenName: 'Erika Datenschutz',
      citizenEmail: email,
      citizenPhone: '+4915112345678',
    },
  });
  await db.notificationLog.create({
    data: {
      appointmentId: appointment.id,
      channel: 'EMAIL',
      kind: 'confirmation',
      dedupeKey: `email:confirmation:${appointment.id}:0`,
      status: 'SENT',
      sentAt: startsAt,
    },
  });
  return appointment;
}

/** A confirmation e-mail the worker gave up on, waiting in the dead-letter queue (as the worker leaves it). */
async function deadLetter(reason: string) {
  const appointment = await pastAppointment(`dl-${randomUUID().slice(0, 6)}@example.org`, 1, 'DONE');
  const jobId = `confirmation_${appointment.id}_0`;
  await ui.stack.app.jobs['dead-letter'].add(
    'email',
    {
      queue: 'email',
      jobId,
      jobName: 'confirmation',
      payload: { appointmentId: appointment.id, kind: 'confirmation', sequence: 0 },
      appointmentId: appointment.id,
      reason,
      attemptsMade: 3,
      failedAt: new Date().toISOString(),
    },
    { jobId: `dl_email_${jobId}`, attempts: 1, removeOnComplete: true, removeOnFail: false },
  );
  return appointment;
}

describe('data protection, audit log and failed jobs in the browser', () => {
  it("finds a person, exports their data, erases it after confirmation, and shows the retention job's runs", async () => {
    const email = 'erika.datenschutz@example.org';
    const first = await pastAppointment(email, 12, 'DONE');
    await pastAppointment(email, 5, 'NOSHOW');
    await pastAppointment('max.andere@example.org', 5, 'DONE');
    await applyRetention(ui.stack.db);

    const { page } = await ui.signedIn('admin', '/', { locale: 'de-DE', acceptDownloads: true });
    await page.getByRole('link', { name: 'Datenschutz-Anfragen' }).click();
    await page.waitForURL(/\/data-requests$/);
    expect(await page.getByRole('region', { name: 'Automatische Löschung' }).locator('tbody tr').count()).toBe(1);
    await inspect(page, 'data-requests');

    // Not a code and not an address: the field says so.
    await field(page, 'query').fill('kein code');
    await submit(page, 'Suchen');
    expect(await field(page, 'query').getAttribute('aria-invalid')).toBe('true');
    await inspect(page, 'data-requests-invalid');

    // By one booking code: both appointments of the person, not the other citizen's.
    await field(page, 'query').fill(first.bookingCode.toLowerCase());
    await submit(page, 'Suchen');
    const result = page.getByRole('region', { name: 'Gespeicherte Daten' });
    expect(await result.getByRole('heading', { name: 'Termine (2)' }).isVisible()).toBe(true);
    expect(await result.textContent()).toContain(email);
    expect(await result.textContent()).not.toContain('max.andere@example.org');
    expect(await result.getByRole('listitem').first().textContent()).toContain('E-Mail „confirmation“ – gesendet');
    await inspect(page, 'data-request-found');

    // By the address (in any case): the same, and the address never shows up in the page's URL.
    await field(page, 'query').fill('Erika.Datenschutz@Example.org');
    await submit(page, 'Suchen');
    expect(await result.getByRole('heading', { name: 'Termine (2)' }).isVisible()).toBe(true);
    expect(page.url()).not.toContain('erika');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als JSON-Datei herunterladen' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^data-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.appointments).toHaveLength(2);
    expect(exported.contact.emails).toEqual([email]);
    expect(JSON.stringify(exported)).not.toContain('max.andere');

    // Erasing asks for the confirmation first and erases nothing without it.
    await submit(page, 'Daten löschen');
    expect(await field(page, 'erase-confirm').getAttribute('aria-invalid')).toBe('true');
    expect(await ui.stack.db.appointment.count({ where: { citizenEmail: email } })).toBe(2);
    await inspect(page, 'data-request-confirm');
    await page.getByLabel('Ich habe die Anfrage geprüft').check();
    await submit(page, 'Daten löschen');
    expect(await page.getByRole('status').textContent()).toContain('Gelöscht: 2 Termin(e) anonymisiert, 2 Nachrichten-Einträge');
    expect(await ui.stack.db.appointment.count({ where: { OR: [{ citizenEmail: email }, { contactHash: hashOf(email) }] } })).toBe(0);
    expect(await ui.stack.db.appointment.count({ where: { citizenEmail: 'max.andere@example.org' } })).toBe(1);
    await inspect(page, 'data-request-erased');

    await field(page, 'query').fill(email);
    await submit(page, 'Suchen');
    expect(await page.getByRole('alert').textContent()).toContain('keine Daten gespeichert');
  }, 120_000);

  it('finds and erases a person without JavaScript too', async () => {
    const email = 'ohne.skript@example.org';
    await pastAppointment(email, 8, 'DONE');
    const { page } = await ui.signedIn('admin', '/data-requests', { locale: 'de-DE', javaScriptEnabled: false });
    await field(page, 'query').fill(email);
    await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Suchen' }).click()]);
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { name: 'Termine (1)' }).isVisible()).toBe(true);
    expect(page.url()).not.toContain('skript');
    await page.getByLabel('Ich habe die Anfrage geprüft').check();
    await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Daten löschen' }).click()]);
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').textContent()).toContain('Gelöscht: 1 Termin(e) anonymisiert');
    expect(await ui.stack.db.appointment.count({ where: { citizenEmail: email } })).toBe(0);
  });

  it('lists failed jobs with their reason and sends one, then all, again', async () => {
    const one = await deadLetter('SMTP 451 Mailbox busy');
    await deadLetter('SMTP 421 Service not available');
    const { page } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    await page.getByRole('link', { name: 'Fehlgeschlagene Aufträge' }).click();
    await page.waitForURL(/\/dead-letters$/);
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(await page.locator('tbody').textContent()).toContain('SMTP 451 Mailbox busy');
    await inspect(page, 'dead-letters');

    const row = page.getByRole('row', { name: /SMTP 451/ });
    const reloaded = page.waitForResponse((r) => r.url().includes('__data.json'));
    await row.getByRole('button', { name: /^Erneut versuchen/ }).click();
    await reloaded;
    expect(await page.getByRole('status').textContent()).toContain('Der Auftrag ist wieder in der Warteschlange.');
    expect(await page.locator('tbody tr').count()).toBe(1);
    // The job is back on its queue (no worker runs here to send it) and the retry is audited.
    expect((await ui.stack.app.jobs.email.getWaiting()).map((j) => j.data.appointmentId)).toEqual([one.id]);
    expect(await ui.stack.db.auditLog.count({ where: { action: 'dead_letter.retry', entityId: one.id } })).toBe(1);

    await submit(page, 'Alle erneut versuchen');
    expect(await page.getByRole('status').textContent()).toContain('1 Auftrag/Aufträge wieder in der Warteschlange.');
    expect(await page.getByText('Keine fehlgeschlagenen Aufträge.').isVisible()).toBe(true);
    expect(await ui.stack.app.jobs.email.getWaitingCount()).toBe(2);
    await inspect(page, 'dead-letters-empty');
  });

  it('filters the audit log by action, user and days, and says when a range ends before it starts', async () => {
    const { page } = await ui.signedIn('admin', '/', { locale: 'de-DE' });
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await page.waitForURL(/\/audit-log$/);
    await inspect(page, 'audit-log');

    await page.getByLabel('Aktion').selectOption('dead_letter.retry');
    await Promise.all([page.waitForURL(/action=dead_letter.retry/), page.getByRole('button', { name: 'Filtern' }).click()]);
    const actions = await page.locator('tbody td code').allTextContents();
    expect(actions).toEqual(['dead_letter.retry', 'dead_letter.retry']);
    expect(await page.getByLabel('Aktion').inputValue()).toBe('dead_letter.retry');

    await page.getByLabel('Aktion').selectOption('data_request.erase');
    await page.getByLabel('Benutzer').selectOption('admin');
    // Two erasures so far (with and without JavaScript), both by this admin today.
    // Today in the municipality's zone: the filter's days are its days.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    await field(page, 'from').fill(today);
    await field(page, 'to').fill(today);
    await Promise.all([page.waitForURL(/action=data_request.erase/), page.getByRole('button', { name: 'Filtern' }).click()]);
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(await page.locator('tbody').textContent()).not.toContain('erika');
    await inspect(page, 'audit-log-filtered');

    await field(page, 'from').fill('2031-01-02');
    await field(page, 'to').fill('2031-01-01');
    await Promise.all([page.waitForURL(/from=2031-01-02/), page.getByRole('button', { name: 'Filtern' }).click()]);
    expect(await field(page, 'to').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[id="to-error"]').textContent()).toBe('Das Ende muss nach dem Anfang liegen');
    expect(await page.getByLabel('Aktion').inputValue()).toBe('data_request.erase');
    await inspect(page, 'audit-log-invalid');
  });
});
