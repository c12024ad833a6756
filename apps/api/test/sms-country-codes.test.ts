import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@termin/db';
import { tenantSettingsPayload } from './support/admin-route-examples';
import { seedBookingFixtures, type BookingFixtures } from './support/booking-fixtures';
import { startTestIdentity, type TestIdentity } from './support/identity';
import { createTestApp, type TestApp } from './support/test-app';

/** SMS reminders only to the country codes the municipality serves (+49 unless its admin adds others). */
let identity: TestIdentity;
let t: TestApp;
let db: Db;
let fx: BookingFixtures;
let free: Date[] = [];

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer });
  db = t.app.db;
  fx = await seedBookingFixtures(db);
  free = (await db.timeSlot.findMany({ where: { locationId: fx.mitteId, startsAt: { gt: fx.at('00:00') } }, orderBy: { startsAt: 'asc' }, take: 20 })).map(
    (s) => s.startsAt,
  );
});

let n = 0;
function book(phone: string, smsOptIn: boolean, lang = 'de') {
  n += 1;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/appointments',
    headers: { 'accept-language': lang },
    payload: {
      tenant: 'demo',
      locationId: fx.mitteId,
      serviceId: fx.services.personalausweis,
      startsAt: free[n]!.toISOString(),
      citizen: { name: 'Erika Mustermann', email: `erika${n}@example.org`, phone },
      smsOptIn,
      language: 'de',
      consent: true,
    },
  });
}

async function saveSettings(changes: object) {
  const row = await db.tenant.findUniqueOrThrow({ where: { slug: 'demo' } });
  return t.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/tenant',
    headers: { authorization: `Bearer ${await identity.tokenFor('admin')}` },
    payload: { ...tenantSettingsPayload(row), version: row.version, ...changes },
  });
}

afterAll(async () => {
  await t?.close();
  await identity?.close();
});

describe('SMS country codes', () => {
  it('refuses a booking with SMS to an Austrian number with a 400 in the citizen’s language, booking nothing', async () => {
    const before = await db.appointment.count();
    const refused = await book('+43 664 1234567', true);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([
      { field: 'citizen.phone', code: 'sms_country_not_allowed', message: expect.stringContaining('nur an Telefonnummern mit der Vorwahl +49') },
    ]);
    const english = await book('0043 664 1234567', true, 'en');
    expect(english.json().error.fields[0].message).toContain('only go to phone numbers with the country code +49');
    expect(await db.appointment.count()).toBe(before);
  });

  it('books SMS to a German number, and an Austrian number without SMS', async () => {
    expect((await book('0151 2345678', true)).statusCode).toBe(201);
    expect((await book('+43 664 1234567', false)).statusCode).toBe(201);
  });

  it('follows the codes the admin sets in the tenant settings', async () => {
    const bad = await saveSettings({ smsCountryCodes: ['+49', '43'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['smsCountryCodes.1']);

    const saved = await saveSettings({ smsCountryCodes: ['+49', '+43'], smsDailyBudget: 50 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ smsCountryCodes: ['+49', '+43'], smsDailyBudget: 50 });
    expect((await book('+43 664 1234567', true)).statusCode).toBe(201);
    expect((await book('+41 79 1234567', true)).json().error.fields[0].message).toContain('+49, +43');

    // A save without the SMS fields (an older form) keeps them.
    expect((await saveSettings({})).json()).toMatchObject({ smsCountryCodes: ['+49', '+43'], smsDailyBudget: 50 });
  });
});
