import { describe, expect, it } from 'vitest';
import { createTestApp } from './support/test-app';
import { useAccessApp, type AccessApp } from './support/access-app';
import type { DemoUser } from './support/identity';
import { routeExamples } from './support/route-examples';
import { tenantSettingsPayload } from './support/admin-route-examples';

let { identity, t, db, fx } = {} as AccessApp;

/** A user of the demo tenant per role, all assigned to Bürgeramt Mitte. */
const userWithRole: Record<string, DemoUser> = { staff: 'staff', admin: 'admin', kiosk: 'kiosk', display: 'display', 'platform-admin': 'platform' };

useAccessApp({}, (app) => ({ identity, t, db, fx } = app));

function protectedRoutes() {
  return t.app.routeAccessTable.filter((r) => r.access !== 'public' && r.method !== 'HEAD');
}

async function call(method: string, spec: { url: string; payload?: unknown }, user?: DemoUser, token?: string) {
  const bearer = token ?? (user ? await identity.tokenFor(user) : undefined);
  return t.app.inject({
    method: method as 'GET',
    url: spec.url,
    ...(spec.payload !== undefined ? { payload: spec.payload as object } : {}),
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  });
}

describe('route table access control', () => {
  it('has protected routes, and an example request for every one of them', () => {
    const routes = protectedRoutes();
    expect(routes.length).toBeGreaterThan(0);
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((key) => !routeExamples[key]);
    expect(missing, 'protected routes without an entry in test/support/route-examples.ts').toEqual([]);
  });

  it('refuses at start-up a route that declares no access', async () => {
    const fresh = await createTestApp({ OIDC_ISSUER: identity.issuer }, { ready: false });
    try {
      expect(() => fresh.app.get('/api/v1/forgotten', async () => ({}))).toThrow(/declares no access/);
    } finally {
      await fresh.close();
    }
  });

  it('answers 401 without a token and with a token that is not one', async () => {
    for (const route of protectedRoutes()) {
      const spec = await routeExamples[`${route.method} ${route.url}`]!.allowed({ db, fx, app: t.app });
      const none = await call(route.method, spec);
      expect(none.statusCode, `${route.method} ${route.url} without token`).toBe(401);
      const forged = await call(route.method, spec, undefined, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
      expect(forged.statusCode, `${route.method} ${route.url} with a forged token`).toBe(401);
      expect(forged.json().error.code).toBe('invalid_token');
    }
  });

  it('answers 403 to every role the route does not allow', async () => {
    for (const route of protectedRoutes()) {
      if (route.access === 'public') continue;
      const spec = await routeExamples[`${route.method} ${route.url}`]!.allowed({ db, fx, app: t.app });
      for (const [role, user] of Object.entries(userWithRole)) {
        if (route.access.roles.includes(role as never)) continue;
        const res = await call(route.method, spec, user);
        expect(res.statusCode, `${route.method} ${route.url} as ${role}`).toBe(403);
      }
    }
  });

  it("keeps every allowed role out of another tenant's and an unassigned location's data", async () => {
    for (const route of protectedRoutes()) {
      if (route.access === 'public') continue;
      const example = routeExamples[`${route.method} ${route.url}`]!;
      if (!example.foreign) continue;
      for (const role of route.access.roles) {
        const spec = await example.foreign({ db, fx, app: t.app });
        const res = await call(route.method, spec, userWithRole[role]);
        expect([403, 404], `${route.method} ${route.url} as ${role} on a foreign location`).toContain(res.statusCode);
      }
      // A clerk of the other municipality with the same location slug gets nothing of the demo's either.
      if (route.access.roles.includes('staff')) {
        const spec = await example.allowed({ db, fx, app: t.app });
        const res = await call(route.method, spec, 'staff-other');
        expect([403, 404], `${route.method} ${route.url} as the other tenant's clerk`).toContain(res.statusCode);
      }
    }
  });

  it('lets every allowed role through', async () => {
    for (const route of protectedRoutes()) {
      if (route.access === 'public') continue;
      for (const role of route.access.roles) {
        const spec = await routeExamples[`${route.method} ${route.url}`]!.allowed({ db, fx, app: t.app });
        const res = await call(route.method, spec, userWithRole[role]);
        expect(res.statusCode, `${route.method} ${route.url} as ${role}: ${res.body}`).toBeLessThan(300);
      }
    }
  });
});

describe("a municipality's own settings and the platform's", () => {
  it("gives each tenant's admin their own settings and writes only theirs", async () => {
    const demo = await call('GET', { url: '/api/v1/admin/tenant' }, 'admin');
    const other = await call('GET', { url: '/api/v1/admin/tenant' }, 'admin-other');
    expect(demo.json().slug).toBe('demo');
    expect(other.json().slug).toBe('other');
    const before = await db.tenant.findUniqueOrThrow({ where: { id: fx.demoTenantId } });
    const otherRow = await db.tenant.findUniqueOrThrow({ where: { slug: 'other' } });
    // The other admin sends the demo's version and a new name: it lands on their own tenant only.
    const res = await call(
      'PUT',
      { url: '/api/v1/admin/tenant', payload: { ...tenantSettingsPayload(otherRow), name: 'Andere Stadt (neu)', version: otherRow.version } },
      'admin-other',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((await db.tenant.findUniqueOrThrow({ where: { id: fx.demoTenantId } })).name).toBe(before.name);
    expect((await db.tenant.findUniqueOrThrow({ where: { slug: 'other' } })).name).toBe('Andere Stadt (neu)');
  });

  it("refuses the platform's tenant list and creation to a tenant admin, and the tenant settings to the platform operator", async () => {
    for (const user of ['admin', 'admin-other'] as const) {
      expect((await call('GET', { url: '/api/v1/platform/tenants' }, user)).statusCode).toBe(403);
      const create = await call(
        'POST',
        { url: '/api/v1/platform/tenants', payload: { slug: 'not-by-admin', name: 'X', holidayState: 'BE', timezone: 'Europe/Berlin' } },
        user,
      );
      expect(create.statusCode).toBe(403);
    }
    expect(await db.tenant.count({ where: { slug: 'not-by-admin' } })).toBe(0);
    expect((await call('GET', { url: '/api/v1/admin/tenant' }, 'platform')).statusCode).toBe(403);
    expect((await call('GET', { url: '/api/v1/admin/locations' }, 'platform')).statusCode).toBe(403);
  });
});

describe('signed-in user', () => {
  it('sees exactly the locations of their assignment', async () => {
    const kfzOnly = await call('GET', { url: '/api/v1/me' }, 'staff-kfz');
    expect(kfzOnly.json().locations.map((l: { slug: string }) => l.slug)).toEqual(['kfz-zulassung']);
    const admin = await call('GET', { url: '/api/v1/me' }, 'admin');
    // Every location of the tenant: the two seeded ones and those the admin-route examples created.
    expect(admin.json().locations).toHaveLength(await db.location.count({ where: { tenantId: fx.demoTenantId } }));
    expect(admin.json().locations.length).toBeGreaterThanOrEqual(2);
    expect(admin.json().roles).toEqual(['admin']);
    const other = await call('GET', { url: '/api/v1/me' }, 'staff-other');
    expect(other.json().tenant.slug).toBe('other');
    expect(other.json().locations.map((l: { id: string }) => l.id)).toEqual([fx.otherTenantLocationId]);
  });
});
