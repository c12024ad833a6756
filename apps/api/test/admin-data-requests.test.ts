import { describe, expect, it } from 'vitest';
import { contactHash, generateBookingCode } from '@termin/domain';
import { useAccessApp, type AccessApp } from './support/access-app';

let { identity, t, db, fx } = {} as AccessApp;

useAccessApp({}, (app) => ({ identity, t, db, fx } = app));

async function appointment(email: string, startsInDays: number, status: 'DONE' | 'CONFIRMED') {
  const startsAt = new Date(Date.now() + startsInDays * 24 * 3600_000);
  return db.appointment.create({
    data: {
      tenantId: fx.demoTenantId,
      locationId: fx.mitteId,
      serviceId: fx.services.personalausweis!,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      status,
      bookingCode: generateBookingCode(),
      contactHash: contactHash(t.config.CONTACT_HASH_SECRET, email),
      citizenName: 'Olga Offen',
      citizenEmail: email,
    },
  });
}

async function post(path: string, payload: object, lang = 'de') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/data-requests/${path}`,
    headers: { authorization: `Bearer ${await identity.tokenFor('admin')}`, 'accept-language': lang },
    payload,
  });
}

describe('data-protection requests over HTTP', () => {
  it('answers an unknown person with 404 in the reader’s language', async () => {
    const de = await post('search', { by: 'email', email: 'niemand@example.org' });
    expect(de.statusCode).toBe(404);
    expect(de.json().error).toMatchObject({ code: 'data_subject_not_found', message: expect.stringContaining('keine Daten gespeichert') });
    const en = await post('search', { by: 'bookingCode', bookingCode: generateBookingCode() }, 'en');
    expect(en.json().error.message).toContain('stores no data');
  });

  it('serves the export as an uncached download', async () => {
    await appointment('dora.download@example.org', -3, 'DONE');
    const res = await post('export', { by: 'email', email: 'dora.download@example.org' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="data-export-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json().contact.emails).toEqual(['dora.download@example.org']);
  });

  it('erases only with the explicit confirmation, and not while an appointment is ahead', async () => {
    const email = 'olga.offen@example.org';
    const past = await appointment(email, -3, 'DONE');
    await appointment(email, 3, 'CONFIRMED');
    const unconfirmed = await post('erase', { subject: { by: 'email', email } });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.fields).toEqual([expect.objectContaining({ field: 'confirm' })]);
    const ahead = await post('erase', { subject: { by: 'bookingCode', bookingCode: past.bookingCode }, confirm: true });
    expect(ahead.statusCode).toBe(409);
    expect(ahead.json().error.message).toBe(
      'Diese Person hat noch 1 offene(n) Termin(e). Bitte lassen Sie diese zuerst absagen; danach können die Daten gelöscht werden.',
    );
    expect(await db.appointment.count({ where: { citizenEmail: email } })).toBe(2);
    expect(await db.auditLog.count({ where: { action: 'data_request.erase' } })).toBe(0);
  });
});
