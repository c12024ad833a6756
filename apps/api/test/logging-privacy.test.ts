import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
