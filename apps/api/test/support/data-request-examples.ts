import { randomUUID } from 'node:crypto';
import { contactHash, generateBookingCode } from '@termin/domain';
import type { ExampleContext, RouteExample } from './route-examples';

/**
 * Example requests of the data-protection routes for the access test. `allowed` runs several times
 * per route, so every call books a fresh past appointment of a fresh person; `foreign` names a
 * person of the other municipality, who must answer like an unknown one.
 */
async function pastBookingAt({ db, app }: ExampleContext, locationId: string) {
  const location = await db.location.findUniqueOrThrow({ where: { id: locationId } });
  // The example service the queue examples use too (the other tenant gets it on first use).
  const service = await db.service.upsert({
    where: { tenantId_slug: { tenantId: location.tenantId, slug: 'example-service' } },
    create: { tenantId: location.tenantId, slug: 'example-service', nameDe: 'Beispiel', nameEn: 'Example', ticketPrefix: 'E' },
    update: {},
  });
  const email = `person-${randomUUID().slice(0, 8)}@example.org`;
  const startsAt = new Date(Date.now() - 3 * 24 * 3600_000);
  const appointment = await db.appointment.create({
    data: {
      tenantId: location.tenantId,
      locationId,
      serviceId: service.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      bookingCode: generateBookingCode(),
      contactHash: contactHash(app.config.CONTACT_HASH_SECRET, email),
      citizenName: 'Erika Beispiel',
      citizenEmail: email,
      status: 'DONE',
    },
  });
  return { email, bookingCode: appointment.bookingCode };
}

export const dataRequestRouteExamples: Record<string, RouteExample> = {
  'POST /api/v1/admin/data-requests/search': {
    allowed: async (ctx) => ({ url: '/api/v1/admin/data-requests/search', payload: { by: 'email', email: (await pastBookingAt(ctx, ctx.fx.mitteId)).email } }),
    foreign: async (ctx) => ({
      url: '/api/v1/admin/data-requests/search',
      payload: { by: 'bookingCode', bookingCode: (await pastBookingAt(ctx, ctx.fx.otherTenantLocationId)).bookingCode },
    }),
  },
  'POST /api/v1/admin/data-requests/export': {
    allowed: async (ctx) => ({
      url: '/api/v1/admin/data-requests/export',
      payload: { by: 'bookingCode', bookingCode: (await pastBookingAt(ctx, ctx.fx.mitteId)).bookingCode },
    }),
    foreign: async (ctx) => ({
      url: '/api/v1/admin/data-requests/export',
      payload: { by: 'email', email: (await pastBookingAt(ctx, ctx.fx.otherTenantLocationId)).email },
    }),
  },
  'POST /api/v1/admin/data-requests/erase': {
    allowed: async (ctx) => ({
      url: '/api/v1/admin/data-requests/erase',
      payload: { subject: { by: 'email', email: (await pastBookingAt(ctx, ctx.fx.mitteId)).email }, confirm: true },
    }),
    foreign: async (ctx) => ({
      url: '/api/v1/admin/data-requests/erase',
      payload: { subject: { by: 'bookingCode', bookingCode: (await pastBookingAt(ctx, ctx.fx.otherTenantLocationId)).bookingCode }, confirm: true },
    }),
  },
  'GET /api/v1/admin/data-requests/retention-runs': { allowed: () => ({ url: '/api/v1/admin/data-requests/retention-runs' }), foreign: null },
};
