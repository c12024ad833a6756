import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_MAX: '5' }, { ready: false });
  t.app.get('/t/limited', { config: { access: 'public' } }, async () => ({ ok: true }));
  await t.app.ready();
});
afterAll(async () => t?.close());

describe('rate limit', () => {
  it('answers 429 with a translated message once an IP exceeds the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/t/limited', remoteAddress: '203.0.113.7' });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.json().error.code).toBe('rate_limited');
        expect(res.json().error.message).toMatch(/Zu viele Anfragen/);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Another IP has its own budget.
    expect((await t.app.inject({ method: 'GET', url: '/t/limited', remoteAddress: '203.0.113.8' })).statusCode).toBe(200);
  });

  it('counts requests without a valid token too, and refuses them before the token is checked', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '203.0.113.10', headers: { authorization: 'Bearer not-a-token' } });
      statuses.push(res.statusCode);
    }
    // The budget is spent: even a request without any token gets 429, not 401.
    statuses.push((await t.app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '203.0.113.10' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('counts failed sign-ins and public calls against one budget per address', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress: '203.0.113.11' })).statusCode).toBe(401);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/t/limited', remoteAddress: '203.0.113.11' })).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it.each(['/health', '/ready'])('limits %s like every other route', async (url) => {
    const remoteAddress = url === '/health' ? '203.0.113.12' : '203.0.113.13';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.app.inject({ method: 'GET', url, remoteAddress })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
