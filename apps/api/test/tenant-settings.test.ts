import { describe, expect, it } from 'vitest';
import { publishSlotsJobId } from '@termin/jobs';
import { qrPng } from '@termin/notifications';
import { useAccessApp, type AccessApp } from './support/access-app';
import type { DemoUser } from './support/identity';
import { tenantSettingsPayload } from './support/admin-route-examples';

let { identity, t, db, fx } = {} as AccessApp;

useAccessApp({}, (app) => ({ identity, t, db, fx } = app));

async function as(user: DemoUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, lang = 'de') {
  return t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { authorization: `Bearer ${await identity.tokenFor(user)}`, 'accept-language': lang },
  });
}

const demoRow = () => db.tenant.findUniqueOrThrow({ where: { id: fx.demoTenantId } });
async function currentPayload() {
  const row = await demoRow();
  return { ...tenantSettingsPayload(row), version: row.version };
}
const fieldsOf = (body: { error: { fields?: { field: string; code: string; message: string }[] } }) =>
  Object.fromEntries((body.error.fields ?? []).map((f) => [f.field, f]));

describe('tenant settings', () => {
  it('saves name, colour, booking rules and legal texts, bumps the version and audits the change', async () => {
    const before = await currentPayload();
    const res = await as('admin', 'PUT', '/api/v1/admin/tenant', {
      ...before,
      name: 'Stadt Demo',
      primaryColor: '#0B5CAD',
      bookingHorizonDays: 90,
      minLeadMinutes: 120,
      cancellationDeadlineMinutes: 1440,
      maxBookingsPerContactPerDay: 3,
      reminderOffsetMinutes: 720,
      dataRetentionDays: 60,
      imprintDe: 'Stadt Demo, Rathausplatz 1, 10178 Berlin',
      imprintEn: null,
      privacyDe: null,
      privacyEn: 'We process your data to give you an appointment.',
      accessibilityDe: 'Dieses Portal ist weitgehend barrierefrei.',
      accessibilityContactEmail: 'barrierefrei@demo.example',
      accessibilityContactAddress: 'Rathausplatz 1, 10178 Berlin',
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    expect(saved).toMatchObject({ name: 'Stadt Demo', primaryColor: '#0b5cad', bookingHorizonDays: 90, version: before.version + 1, logoUrl: null });
    const row = await demoRow();
    expect(row).toMatchObject({
      minLeadMinutes: 120,
      dataRetentionDays: 60,
      imprintDe: 'Stadt Demo, Rathausplatz 1, 10178 Berlin',
      imprintEn: null,
      privacyDe: null,
      privacyEn: 'We process your data to give you an appointment.',
    });
    const audit = await db.auditLog.findFirst({ where: { tenantId: fx.demoTenantId, action: 'tenant.updated' }, orderBy: { createdAt: 'desc' } });
    expect(audit).toMatchObject({ actorName: 'admin', entityType: 'Tenant', entityId: fx.demoTenantId });
    expect((audit!.details as { version: number }).version).toBe(before.version + 1);
    // A longer horizon asks the worker to publish every office's slots again.
    for (const locationId of [fx.mitteId, fx.kfzId]) {
      const { rulesVersion } = await db.location.findUniqueOrThrow({ where: { id: locationId } });
      expect(await t.app.jobs['publish-slots'].getJob(publishSlotsJobId(locationId, rulesVersion))).toBeTruthy();
    }
    // The citizen portal shows the texts as written, each in its own language.
    const portal = await t.app.inject({ method: 'GET', url: '/api/v1/tenants/demo/portal' });
    expect(portal.statusCode).toBe(200);
    expect(portal.json()).toMatchObject({
      name: 'Stadt Demo',
      primaryColor: '#0b5cad',
      legal: {
        imprint: { de: 'Stadt Demo, Rathausplatz 1, 10178 Berlin', en: null },
        privacy: { de: null, en: 'We process your data to give you an appointment.' },
        accessibilityContactEmail: 'barrierefrei@demo.example',
      },
    });
  });

  it('refuses bad input with an error by each field, in the caller language, and writes nothing', async () => {
    const before = await demoRow();
    const audits = await db.auditLog.count({ where: { tenantId: fx.demoTenantId } });
    const res = await as(
      'admin',
      'PUT',
      '/api/v1/admin/tenant',
      { ...(await currentPayload()), name: '', primaryColor: '#ffcc00', bookingHorizonDays: 0, dataRetentionDays: 5000, accessibilityContactEmail: 'no-at-sign' },
      'en',
    );
    expect(res.statusCode).toBe(400);
    const fields = fieldsOf(res.json());
    expect(Object.keys(fields).sort()).toEqual(['accessibilityContactEmail', 'bookingHorizonDays', 'dataRetentionDays', 'name', 'primaryColor']);
    // Yellow has 1.51:1 against white: readable neither as header background nor as link colour.
    expect(fields.primaryColor!.code).toBe('color_contrast_too_low');
    expect(fields.primaryColor!.message).toContain('4.5:1');
    expect(fields.name!.code).toBe('field_required');
    const after = await demoRow();
    expect(after.version).toBe(before.version);
    expect(after.name).toBe(before.name);
    expect(await db.auditLog.count({ where: { tenantId: fx.demoTenantId } })).toBe(audits);

    const german = await as('admin', 'PUT', '/api/v1/admin/tenant', { ...(await currentPayload()), primaryColor: '#7fb2e5' });
    expect(german.statusCode).toBe(400);
    expect(fieldsOf(german.json()).primaryColor!.message).toContain('Kontrast 4,5:1');
  });

  it('answers 409 with a reload message when someone saved in between, and keeps their change', async () => {
    const stale = await currentPayload();
    expect((await as('admin', 'PUT', '/api/v1/admin/tenant', { ...stale, name: 'Erste Änderung' })).statusCode).toBe(200);
    const res = await as('admin', 'PUT', '/api/v1/admin/tenant', { ...stale, name: 'Zweite Änderung' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('version_conflict');
    expect(res.json().error.message).toMatch(/laden Sie die Seite neu/);
    expect((await demoRow()).name).toBe('Erste Änderung');
  });

  it('lets exactly one of two saves racing with the same version win', async () => {
    const base = await currentPayload();
    const answers = await Promise.all(['A', 'B', 'C'].map((n) => as('admin', 'PUT', '/api/v1/admin/tenant', { ...base, name: `Rennen ${n}` })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    const row = await demoRow();
    expect(row.version).toBe(base.version + 1);
    const winner = answers.find((a) => a.statusCode === 200)!.json();
    expect(row.name).toBe(winner.name);
  });

  it('stores an uploaded PNG logo, serves it to the portal, and refuses what is not the image it claims', async () => {
    const png = await qrPng('logo');
    const res = await as('admin', 'PUT', '/api/v1/admin/tenant', { ...(await currentPayload()), logo: { contentType: 'image/png', base64: png.toString('base64') } });
    expect(res.statusCode, res.body).toBe(200);
    const logoUrl = res.json().logoUrl as string;
    expect(logoUrl).toMatch(/^\/api\/v1\/tenants\/demo\/logo\?v=\d+$/);
    const image = await t.app.inject({ method: 'GET', url: logoUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(image.rawPayload, png)).toBe(0);

    const version = (await demoRow()).version;
    const lying = await as('admin', 'PUT', '/api/v1/admin/tenant', { ...(await currentPayload()), logo: { contentType: 'image/jpeg', base64: png.toString('base64') } });
    expect(lying.statusCode).toBe(400);
    expect(fieldsOf(lying.json()).logo!.code).toBe('logo_not_an_image');
    const script = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
    const svg = await as('admin', 'PUT', '/api/v1/admin/tenant', { ...(await currentPayload()), logo: { contentType: 'image/svg+xml', base64: script } });
    expect(svg.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(svg.json()))).toEqual(['logo.contentType']);
    expect((await demoRow()).version).toBe(version);

    // Leaving the logo out keeps it; null removes it.
    const kept = await as('admin', 'PUT', '/api/v1/admin/tenant', await currentPayload());
    expect(kept.json().logoUrl).not.toBeNull();
    const removed = await as('admin', 'PUT', '/api/v1/admin/tenant', { ...(await currentPayload()), logo: null });
    expect(removed.json().logoUrl).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tenants/demo/logo' })).statusCode).toBe(404);
  });

  it('answers 404 for the portal of a municipality that does not exist', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/tenants/nowhere/portal' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('tenant_not_found');
  });
});

describe('platform: municipalities', () => {
  it('creates a municipality with its Bundesland and time zone, lists it and audits it in the new tenant', async () => {
    const res = await as('platform', 'POST', '/api/v1/platform/tenants', { slug: 'neustadt', name: 'Stadt Neustadt', holidayState: 'BY', timezone: 'Europe/Berlin' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ slug: 'neustadt', name: 'Stadt Neustadt', holidayState: 'BY', timezone: 'Europe/Berlin', locations: 0 });
    const list = await as('platform', 'GET', '/api/v1/platform/tenants');
    expect(list.json().tenants.map((x: { slug: string }) => x.slug)).toEqual(expect.arrayContaining(['demo', 'other', 'neustadt']));
    const audit = await db.auditLog.findFirst({ where: { action: 'tenant.created', entityId: res.json().id } });
    expect(audit).toMatchObject({ tenantId: res.json().id, actorName: 'platform', actorRole: 'platform-admin' });
    // The new municipality's portal answers at once, with nothing set yet.
    const portal = await t.app.inject({ method: 'GET', url: '/api/v1/tenants/neustadt/portal' });
    expect(portal.json()).toMatchObject({ name: 'Stadt Neustadt', primaryColor: null, logoUrl: null });
  });

  it('refuses a taken slug, an unknown time zone and a Bundesland that does not exist by their fields', async () => {
    const count = await db.tenant.count();
    const taken = await as('platform', 'POST', '/api/v1/platform/tenants', { slug: 'demo', name: 'Noch eine Demo', holidayState: 'BE', timezone: 'Europe/Berlin' });
    expect(taken.statusCode).toBe(400);
    expect(fieldsOf(taken.json()).slug!.code).toBe('slug_taken');
    const zone = await as('platform', 'POST', '/api/v1/platform/tenants', { slug: 'zonenlos', name: 'Zonenlos', holidayState: 'BE', timezone: 'Europe/Atlantis' });
    expect(zone.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(zone.json()))).toEqual(['timezone']);
    const state = await as('platform', 'POST', '/api/v1/platform/tenants', { slug: 'landlos', name: 'Landlos', holidayState: 'XX', timezone: 'Europe/Berlin' });
    expect(state.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(state.json()))).toEqual(['holidayState']);
    expect(await db.tenant.count()).toBe(count);
  });

  it('creates a slug once when two requests race for it', async () => {
    const body = { slug: 'zwillingsstadt', name: 'Zwillingsstadt', holidayState: 'HH', timezone: 'Europe/Berlin' };
    const answers = await Promise.all([as('platform', 'POST', '/api/v1/platform/tenants', body), as('platform', 'POST', '/api/v1/platform/tenants', body)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 400]);
    expect(await db.tenant.count({ where: { slug: 'zwillingsstadt' } })).toBe(1);
  });
});
