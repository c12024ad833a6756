import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '@termin/db';
import { contactHash, generateBookingCode } from '@termin/domain';
import { seedAccessFixtures } from './support/fixtures';
import { startTestIdentity } from './support/identity';
import { createTestApp, type TestApp } from './support/test-app';

let t: TestApp;
const citizen = { citizenName: 'Erika Mustermann', citizenEmail: 'erika.mustermann@example.org', citizenPhone: '+491701234567' };

beforeAll(async () => {
  t = await createTestApp({}, { ready: false });
  // A handler that carelessly logs what it received: redaction must still keep the citizen out of the log.
  t.app.post('/t/echo', { config: { access: 'public' } }, async (request) => {
    request.log.info({ body: request.body, contact: { email: citizen.citizenEmail } }, 'received');
    throw new Error('failing on purpose');
  });
  await t.app.ready();
});
afterAll(async () => t?.close());

describe('logging', () => {
  it("keeps a citizen's name, email and phone out of every log line", async () => {
    await t.app.inject({
      method: 'POST',
      url: `/t/echo?email=${encodeURIComponent(citizen.citizenEmail)}&name=${encodeURIComponent(citizen.citizenName)}`,
      payload: citizen,
    });
    await t.app.inject({ method: 'GET', url: `/nowhere?email=${encodeURIComponent(citizen.citizenEmail)}` });
    await t.app.inject({ method: 'GET', url: '/api/v1/queue/position/K7QM-3XRP-9D2F-WB8N' });
    const logs = t.logs();
    expect(logs).toContain('received');
    expect(logs).toContain('[redacted]');
    expect(logs).toContain('/t/echo');
    for (const value of [citizen.citizenName, citizen.citizenEmail, citizen.citizenPhone, 'erika', 'Mustermann', 'K7QM-3XRP-9D2F-WB8N']) {
      expect(logs).not.toContain(value);
    }
    expect(logs).not.toContain(encodeURIComponent(citizen.citizenEmail));
  });

  it('marks every line of a request with its id, so an operator can follow one request', async () => {
    const before = t.logs().length;
    await t.app.inject({ method: 'POST', url: '/t/echo', payload: {} });
    const lines = t
      .logs()
      .slice(before)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { reqId?: string; msg?: string });
    const received = lines.find((l) => l.msg === 'received');
    expect(received?.reqId).toMatch(/^[0-9a-f-]{36}$/);
    const sameRequest = lines.filter((l) => l.reqId === received!.reqId).map((l) => l.msg);
    expect(sameRequest).toEqual(expect.arrayContaining(['incoming request', 'received', 'request completed']));
  });
});

describe('logging of data-protection requests', () => {
  it('never logs the e-mail address an admin searches for, exports or erases, nor its hash', async () => {
    const identity = await startTestIdentity();
    const api = await createTestApp({ OIDC_ISSUER: identity.issuer });
    const db = createPrismaClient({ databaseUrl: api.database.url });
    try {
      const fx = await seedAccessFixtures(db);
      const email = 'gesine.geheim@example.org';
      const hash = contactHash(api.config.CONTACT_HASH_SECRET, email);
      const startsAt = new Date(Date.now() - 5 * 24 * 3600_000);
      const service = await db.service.findFirstOrThrow({ where: { tenantId: fx.demoTenantId } });
      const booking = await db.appointment.create({
        data: {
          tenantId: fx.demoTenantId,
          locationId: fx.mitteId,
          serviceId: service.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 15 * 60_000),
          status: 'DONE',
          bookingCode: generateBookingCode(),
          contactHash: hash,
          citizenName: 'Gesine Geheim',
          citizenEmail: email,
        },
      });
      const headers = { authorization: `Bearer ${await identity.tokenFor('admin')}` };
      const post = (url: string, payload: object) => api.app.inject({ method: 'POST', url: `/api/v1/admin/data-requests/${url}`, headers, payload });

      expect((await post('search', { by: 'email', email })).statusCode).toBe(200);
      expect((await post('search', { by: 'email', email: 'gesine.nobody@example.org' })).statusCode).toBe(404);
      expect((await post('search', { by: 'email', email: 'gesine.geheim@' })).statusCode).toBe(400);
      expect((await post('export', { by: 'bookingCode', bookingCode: booking.bookingCode })).statusCode).toBe(200);
      expect((await post('erase', { subject: { by: 'email', email }, confirm: false })).statusCode).toBe(400);
      expect((await post('erase', { subject: { by: 'email', email }, confirm: true })).statusCode).toBe(200);

      const logs = api.logs();
      expect(logs).toContain('/api/v1/admin/data-requests/erase');
      for (const value of [email, 'gesine', 'Gesine Geheim', encodeURIComponent(email), hash, booking.bookingCode])
        expect(logs.toLowerCase()).not.toContain(value.toLowerCase());
    } finally {
      await db.$disconnect();
      await api.close();
      await identity.close();
    }
  });
});
