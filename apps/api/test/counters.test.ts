import { describe, expect, it } from 'vitest';
import { useAccessApp, type AccessApp } from './support/access-app';

let { identity, t, db, fx } = {} as AccessApp;

useAccessApp({}, (app) => ({ identity, t, db, fx } = app));

async function counters(user: 'staff' | 'display' | 'staff-kfz', locationId: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/locations/${locationId}/counters`,
    headers: { authorization: `Bearer ${await identity.tokenFor(user)}` },
  });
}

describe('GET /api/v1/locations/:locationId/counters', () => {
  it('lists the active counters of the office in the order people count', async () => {
    await db.counter.create({ data: { locationId: fx.mitteId, name: '10' } });
    await db.counter.update({ where: { locationId_name: { locationId: fx.mitteId, name: '2' } }, data: { active: false } });
    const res = await counters('display', fx.mitteId);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { counters: { name: string }[] }).counters.map((c) => c.name)).toEqual(['1', '3', '4', '10']);
  });

  it("answers 404 for an office the user does not work at, so its counters' existence stays hidden", async () => {
    expect((await counters('staff-kfz', fx.mitteId)).statusCode).toBe(404);
    expect((await counters('staff', fx.otherTenantLocationId)).statusCode).toBe(404);
  });
});
