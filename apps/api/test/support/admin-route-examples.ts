import { randomUUID } from 'node:crypto';
import type { ExampleContext, RouteExample } from './route-examples';

/*
 * Example requests of the administration routes for the access test. `allowed` runs several times
 * per route, so creating examples use fresh slugs, names and dates and updates read the current
 * version first. `foreign` aims at the other municipality's data.
 */

const unique = () => randomUUID().slice(0, 8);
let dayCounter = 0;
/** A fresh future date per call (closures and holidays are unique per day). */
function freshDate(): string {
  dayCounter += 1;
  const d = new Date(Date.UTC(2031, 0, 1) + dayCounter * 24 * 3600_000);
  return d.toISOString().slice(0, 10);
}

async function locationBody({ db }: ExampleContext, locationId: string) {
  const l = await db.location.findUniqueOrThrow({ where: { id: locationId }, include: { services: true } });
  return {
    version: l.version,
    name: l.name,
    address: l.address,
    timezone: l.timezone,
    slotMinutes: l.slotMinutes,
    checkinEarlyMinutes: null,
    checkinLateMinutes: null,
    contactDe: null,
    contactEn: null,
    directionsDe: null,
    directionsEn: null,
    active: l.active,
    serviceIds: l.services.map((s) => s.serviceId),
  };
}

async function otherTenantService({ db, fx }: ExampleContext) {
  const other = await db.location.findUniqueOrThrow({ where: { id: fx.otherTenantLocationId } });
  return db.service.create({
    data: { tenantId: other.tenantId, slug: `other-${unique()}`, nameDe: 'Andere', nameEn: 'Other', ticketPrefix: String.fromCharCode(65 + (dayCounter++ % 26)) },
  });
}

async function serviceBody({ db }: ExampleContext, serviceId: string) {
  const s = await db.service.findUniqueOrThrow({ where: { id: serviceId } });
  return {
    version: s.version,
    nameDe: s.nameDe,
    nameEn: s.nameEn,
    descriptionDe: s.descriptionDe,
    descriptionEn: s.descriptionEn,
    durationMinutes: s.durationMinutes,
    ticketPrefix: s.ticketPrefix,
    documentsDe: s.documentsDe,
    documentsEn: s.documentsEn,
    feeCents: s.feeCents,
    slotCapacity: s.slotCapacity,
    internalPlaces: s.internalPlaces,
    active: s.active,
  };
}

async function counterAt({ db }: ExampleContext, locationId: string) {
  const c = await db.counter.findFirstOrThrow({ where: { locationId }, include: { services: true }, orderBy: { name: 'asc' } });
  return { url: `/api/v1/admin/counters/${c.id}`, payload: { version: c.version, name: c.name, active: c.active, serviceIds: c.services.map((s) => s.serviceId) } };
}

async function hoursBody({ db }: ExampleContext, locationId: string) {
  const l = await db.location.findUniqueOrThrow({ where: { id: locationId }, include: { openingHours: true } });
  const intervals = l.openingHours.filter((h) => !h.validFrom).map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes }));
  return { version: l.version, schedules: [{ validFrom: null, intervals }], keepAffectedBookings: true };
}

async function closureAt({ db }: ExampleContext, locationId: string) {
  const c = await db.closure.create({ data: { locationId, date: new Date(`${freshDate()}T00:00:00Z`), reason: 'Betriebsausflug' } });
  return `/api/v1/admin/closures/${c.id}`;
}

async function holidayOf({ db }: ExampleContext, tenantId: string) {
  const h = await db.localHoliday.create({ data: { tenantId, date: new Date(`${freshDate()}T00:00:00Z`), nameDe: 'Stadtfest', nameEn: 'Town festival' } });
  return `/api/v1/admin/holidays/${h.id}`;
}

const preview = (locationId: string) => ({
  url: `/api/v1/admin/locations/${locationId}/opening-hours/preview`,
  payload: { schedules: [{ validFrom: null, intervals: [{ weekday: 1, opens: '08:00', closes: '12:00' }] }], from: '2031-03-03', to: '2031-03-09' },
});

export const adminRouteExamples: Record<string, RouteExample> = {
  'GET /api/v1/admin/locations': { allowed: () => ({ url: '/api/v1/admin/locations' }), foreign: null },
  'POST /api/v1/admin/locations': {
    allowed: ({ fx }) => ({
      url: '/api/v1/admin/locations',
      payload: {
        slug: `neu-${unique()}`,
        name: 'Bürgeramt Nord',
        address: 'Nordstraße 1',
        timezone: 'Europe/Berlin',
        slotMinutes: 15,
        active: true,
        serviceIds: [fx.services.personalausweis],
      },
    }),
    // Another tenant's service cannot be offered: refused as unknown, nothing created.
    foreign: null,
  },
  'GET /api/v1/admin/locations/:locationId': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.mitteId}` }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.otherTenantLocationId}` }),
  },
  'PUT /api/v1/admin/locations/:locationId': {
    allowed: async (ctx) => ({ url: `/api/v1/admin/locations/${ctx.fx.mitteId}`, payload: await locationBody(ctx, ctx.fx.mitteId) }),
    foreign: async (ctx) => ({
      url: `/api/v1/admin/locations/${ctx.fx.otherTenantLocationId}`,
      payload: { ...(await locationBody(ctx, ctx.fx.otherTenantLocationId)), serviceIds: [] },
    }),
  },
  'GET /api/v1/admin/services': { allowed: () => ({ url: '/api/v1/admin/services' }), foreign: null },
  'POST /api/v1/admin/services': {
    allowed: async ({ db, fx }) => {
      const used = new Set((await db.service.findMany({ where: { tenantId: fx.demoTenantId } })).map((s) => s.ticketPrefix));
      const prefix = [...'BCDEGHIJLNOQRSTUVWXY'].find((c) => !used.has(c))!;
      return {
        url: '/api/v1/admin/services',
        payload: {
          slug: `dienst-${unique()}`,
          nameDe: 'Beglaubigung',
          nameEn: 'Certification',
          durationMinutes: 15,
          ticketPrefix: prefix,
          slotCapacity: 1,
          internalPlaces: 0,
          active: true,
        },
      };
    },
    foreign: null,
  },
  'GET /api/v1/admin/services/:serviceId': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/services/${fx.services.personalausweis}` }),
    foreign: async (ctx) => ({ url: `/api/v1/admin/services/${(await otherTenantService(ctx)).id}` }),
  },
  'PUT /api/v1/admin/services/:serviceId': {
    allowed: async (ctx) => ({ url: `/api/v1/admin/services/${ctx.fx.services.personalausweis}`, payload: await serviceBody(ctx, ctx.fx.services.personalausweis!) }),
    foreign: async (ctx) => {
      const service = await otherTenantService(ctx);
      return { url: `/api/v1/admin/services/${service.id}`, payload: await serviceBody(ctx, service.id) };
    },
  },
  'GET /api/v1/admin/locations/:locationId/counters': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.mitteId}/counters` }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.otherTenantLocationId}/counters` }),
  },
  'POST /api/v1/admin/locations/:locationId/counters': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.mitteId}/counters`, payload: { name: `Schalter ${unique()}`, active: false, serviceIds: [] } }),
    foreign: ({ fx }) => ({
      url: `/api/v1/admin/locations/${fx.otherTenantLocationId}/counters`,
      payload: { name: `Schalter ${unique()}`, active: false, serviceIds: [] },
    }),
  },
  'PUT /api/v1/admin/counters/:counterId': {
    allowed: (ctx) => counterAt(ctx, ctx.fx.mitteId),
    foreign: (ctx) => counterAt(ctx, ctx.fx.otherTenantLocationId),
  },
  'GET /api/v1/admin/locations/:locationId/opening-hours': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.mitteId}/opening-hours` }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.otherTenantLocationId}/opening-hours` }),
  },
  'PUT /api/v1/admin/locations/:locationId/opening-hours': {
    allowed: async (ctx) => ({ url: `/api/v1/admin/locations/${ctx.fx.mitteId}/opening-hours`, payload: await hoursBody(ctx, ctx.fx.mitteId) }),
    foreign: async (ctx) => ({
      url: `/api/v1/admin/locations/${ctx.fx.otherTenantLocationId}/opening-hours`,
      payload: {
        ...(await hoursBody(ctx, ctx.fx.otherTenantLocationId)),
        schedules: [{ validFrom: null, intervals: [{ weekday: 1, opens: '08:00', closes: '12:00' }] }],
      },
    }),
  },
  'POST /api/v1/admin/locations/:locationId/opening-hours/preview': {
    allowed: ({ fx }) => preview(fx.mitteId),
    foreign: ({ fx }) => preview(fx.otherTenantLocationId),
  },
  'GET /api/v1/admin/locations/:locationId/closures': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.mitteId}/closures` }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.otherTenantLocationId}/closures` }),
  },
  'POST /api/v1/admin/locations/:locationId/closures': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.mitteId}/closures`, payload: { date: freshDate(), reason: 'Personalversammlung' } }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.otherTenantLocationId}/closures`, payload: { date: freshDate(), reason: 'Personalversammlung' } }),
  },
  'POST /api/v1/admin/locations/:locationId/emergency-closure': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.kfzId}/emergency-closure`, payload: { confirm: true, reason: 'Stromausfall' } }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/locations/${fx.otherTenantLocationId}/emergency-closure`, payload: { confirm: true, reason: 'Stromausfall' } }),
  },
  'DELETE /api/v1/admin/closures/:closureId': {
    allowed: async (ctx) => ({ url: await closureAt(ctx, ctx.fx.mitteId) }),
    foreign: async (ctx) => ({ url: await closureAt(ctx, ctx.fx.otherTenantLocationId) }),
  },
  'GET /api/v1/admin/holidays': { allowed: () => ({ url: '/api/v1/admin/holidays?year=2027' }), foreign: null },
  'POST /api/v1/admin/holidays': {
    allowed: () => ({ url: '/api/v1/admin/holidays', payload: { date: freshDate(), nameDe: 'Stadtfest', nameEn: 'Town festival' } }),
    foreign: null,
  },
  'DELETE /api/v1/admin/holidays/:holidayId': {
    allowed: async (ctx) => ({ url: await holidayOf(ctx, ctx.fx.demoTenantId) }),
    foreign: async (ctx) => {
      const other = await ctx.db.location.findUniqueOrThrow({ where: { id: ctx.fx.otherTenantLocationId } });
      return { url: await holidayOf(ctx, other.tenantId) };
    },
  },
  'GET /api/v1/admin/tenant': { allowed: () => ({ url: '/api/v1/admin/tenant' }), foreign: null },
  'PUT /api/v1/admin/tenant': {
    // The route takes no id: it changes the token's own tenant (the access test proves the other tenant's admin gets theirs).
    allowed: async ({ db, fx }) => {
      const tenant = await db.tenant.findUniqueOrThrow({ where: { id: fx.demoTenantId } });
      return { url: '/api/v1/admin/tenant', payload: { ...tenantSettingsPayload(tenant), version: tenant.version } };
    },
    foreign: null,
  },
  'GET /api/v1/admin/overview': { allowed: () => ({ url: '/api/v1/admin/overview' }), foreign: null },
  'GET /api/v1/platform/tenants': { allowed: () => ({ url: '/api/v1/platform/tenants' }), foreign: null },
  'POST /api/v1/platform/tenants': {
    allowed: () => ({ url: '/api/v1/platform/tenants', payload: { slug: `stadt-${unique()}`, name: 'Neue Stadt', holidayState: 'NW', timezone: 'Europe/Berlin' } }),
    foreign: null,
  },
};

/** A tenant's settings as the update route takes them (the stored values, unchanged). */
export function tenantSettingsPayload(t: {
  name: string;
  primaryColor: string | null;
  bookingHorizonDays: number;
  minLeadMinutes: number;
  cancellationDeadlineMinutes: number;
  maxBookingsPerContactPerDay: number;
  reminderOffsetMinutes: number;
  dataRetentionDays: number;
  imprintDe: string | null;
  imprintEn: string | null;
  privacyDe: string | null;
  privacyEn: string | null;
  accessibilityDe: string | null;
  accessibilityEn: string | null;
  accessibilityContactEmail: string | null;
  accessibilityContactAddress: string | null;
}) {
  return {
    name: t.name,
    primaryColor: t.primaryColor,
    bookingHorizonDays: t.bookingHorizonDays,
    minLeadMinutes: t.minLeadMinutes,
    cancellationDeadlineMinutes: t.cancellationDeadlineMinutes,
    maxBookingsPerContactPerDay: t.maxBookingsPerContactPerDay,
    reminderOffsetMinutes: t.reminderOffsetMinutes,
    dataRetentionDays: t.dataRetentionDays,
    imprintDe: t.imprintDe,
    imprintEn: t.imprintEn,
    privacyDe: t.privacyDe,
    privacyEn: t.privacyEn,
    accessibilityDe: t.accessibilityDe,
    accessibilityEn: t.accessibilityEn,
    accessibilityContactEmail: t.accessibilityContactEmail,
    accessibilityContactAddress: t.accessibilityContactAddress,
  };
}
