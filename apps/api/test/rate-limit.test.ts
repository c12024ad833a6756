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

  it('does not count health probes', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await t.app.inject({ method: 'GET', url: '/health', remoteAddress: '203.0.113.9' })).statusCode).toBe(200);
    }
  });
});
