import { randomUUID } from 'node:crypto';
import type { Db } from '@termin/db';
import { generateBookingCode } from '@termin/domain';
import { addDeadLetter } from '@termin/jobs';
import type { App } from '../../src/app';
import type { AccessFixtures } from './fixtures';
import { appointmentAt, entryAt, firstCounter } from './queue-examples';
import { adminRouteExamples } from './admin-route-examples';
import { dataRequestRouteExamples } from './data-request-examples';
import { statisticsRouteExamples } from './statistics-route-examples';
import { backofficeRouteExamples } from './backoffice-examples';

/**
 * One example request per protected route, so the access test can call every route of the table.
 * `allowed` must succeed for a user with the route's role at the demo office Mitte; `foreign` is
 * the same request aimed at another tenant's or an unassigned location (null: the route takes no ids).
 * A new protected route without an entry here fails the access test.
 */
export interface RequestSpec {
  url: string;
  payload?: unknown;
}

export interface RouteExample {
  allowed(ctx: ExampleContext): Promise<RequestSpec> | RequestSpec;
  foreign: ((ctx: ExampleContext) => Promise<RequestSpec> | RequestSpec) | null;
}

export interface ExampleContext {
  db: Db;
  fx: AccessFixtures;
  app: App;
}

/** A failed confirmation e-mail about a fresh appointment at `locationId`, waiting in the dead-letter queue. */
async function deadLetterAt({ db, fx, app }: ExampleContext, locationId: string): Promise<string> {
  const location = await db.location.findUniqueOrThrow({ where: { id: locationId } });
  const startsAt = new Date(Date.now() + 7 * 24 * 3600_000);
  const appointment = await db.appointment.create({
    data: {
      tenantId: location.tenantId,
      locationId,
      serviceId: Object.values(fx.services)[0]!,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      bookingCode: generateBookingCode(),
      contactHash: randomUUID().replace(/-/g, ''),
      status: 'CONFIRMED',
    },
  });
  return addDeadLetter(app.jobs['dead-letter'], {
    queue: 'email',
    jobId: `confirmation_${appointment.id}_0`,
    jobName: 'confirmation',
    payload: { appointmentId: appointment.id, kind: 'confirmation', sequence: 0 },
    appointmentId: appointment.id,
    reason: 'SMTP 451',
    attemptsMade: 3,
    failedAt: new Date().toISOString(),
  });
}

export const routeExamples: Record<string, RouteExample> = {
  'GET /api/v1/me': { allowed: () => ({ url: '/api/v1/me' }), foreign: null },
  'POST /api/v1/socket-tickets': { allowed: () => ({ url: '/api/v1/socket-tickets' }), foreign: null },
  'GET /api/v1/admin/audit-log': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/audit-log?locationId=${fx.mitteId}` }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/audit-log?locationId=${fx.otherTenantLocationId}` }),
  },
  'PATCH /api/v1/appointments/:id/checkin': {
    allowed: async ({ db, fx }) => ({ url: `/api/v1/appointments/${(await appointmentAt(db, fx.mitteId)).id}/checkin`, payload: { locationId: fx.mitteId } }),
    foreign: async ({ db, fx }) => ({
      url: `/api/v1/appointments/${(await appointmentAt(db, fx.otherTenantLocationId)).id}/checkin`,
      payload: { locationId: fx.otherTenantLocationId },
    }),
  },
  'GET /api/v1/locations/:locationId/queue': {
    allowed: ({ fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/queue` }),
    foreign: ({ fx }) => ({ url: `/api/v1/locations/${fx.otherTenantLocationId}/queue` }),
  },
  'POST /api/v1/locations/:locationId/queue/walk-ins': {
    allowed: ({ fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/queue/walk-ins`, payload: { serviceId: fx.services.personalausweis } }),
    foreign: ({ fx }) => ({ url: `/api/v1/locations/${fx.otherTenantLocationId}/queue/walk-ins`, payload: { serviceId: fx.services.personalausweis } }),
  },
  'GET /api/v1/locations/:locationId/counters': {
    allowed: ({ fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/counters` }),
    foreign: ({ fx }) => ({ url: `/api/v1/locations/${fx.otherTenantLocationId}/counters` }),
  },
  'POST /api/v1/locations/:locationId/queue/call-next': {
    allowed: async ({ db, fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/queue/call-next`, payload: { counterId: await firstCounter(db, fx.mitteId) } }),
    foreign: async ({ db, fx }) => ({
      url: `/api/v1/locations/${fx.otherTenantLocationId}/queue/call-next`,
      payload: { counterId: await firstCounter(db, fx.otherTenantLocationId) },
    }),
  },
  'POST /api/v1/queue-entries/:id/call': {
    allowed: async ({ db, fx }) => ({
      url: `/api/v1/queue-entries/${(await entryAt(db, fx.mitteId, 'WAITING')).id}/call`,
      payload: { counterId: await firstCounter(db, fx.mitteId) },
    }),
    foreign: async ({ db, fx }) => ({
      url: `/api/v1/queue-entries/${(await entryAt(db, fx.otherTenantLocationId, 'WAITING')).id}/call`,
      payload: { counterId: await firstCounter(db, fx.otherTenantLocationId) },
    }),
  },
  ...Object.fromEntries(
    ['recall', 'complete', 'no-show', 'requeue'].map((action) => [
      `POST /api/v1/queue-entries/:id/${action}`,
      {
        allowed: async ({ db, fx }: ExampleContext) => ({ url: `/api/v1/queue-entries/${(await entryAt(db, fx.mitteId, 'CALLED')).id}/${action}` }),
        foreign: async ({ db, fx }: ExampleContext) => ({
          url: `/api/v1/queue-entries/${(await entryAt(db, fx.otherTenantLocationId, 'CALLED')).id}/${action}`,
        }),
      },
    ]),
  ),
  'GET /api/v1/locations/:locationId/appointments/today': {
    allowed: ({ fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/appointments/today` }),
    foreign: ({ fx }) => ({ url: `/api/v1/locations/${fx.otherTenantLocationId}/appointments/today` }),
  },
  'POST /api/v1/kiosk/locations/:locationId/checkin': {
    allowed: async ({ db, fx }) => ({
      url: `/api/v1/kiosk/locations/${fx.mitteId}/checkin`,
      payload: { scan: (await appointmentAt(db, fx.mitteId)).bookingCode },
    }),
    foreign: async ({ db, fx }) => ({
      url: `/api/v1/kiosk/locations/${fx.otherTenantLocationId}/checkin`,
      payload: { scan: (await appointmentAt(db, fx.otherTenantLocationId)).bookingCode },
    }),
  },
  // "open" keeps the counter the other examples call with open.
  'PUT /api/v1/locations/:locationId/counters/:counterId/state': {
    allowed: async ({ db, fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/counters/${await firstCounter(db, fx.mitteId)}/state`, payload: { state: 'open' } }),
    foreign: async ({ db, fx }) => ({
      url: `/api/v1/locations/${fx.otherTenantLocationId}/counters/${await firstCounter(db, fx.otherTenantLocationId)}/state`,
      payload: { state: 'open' },
    }),
  },
  'PUT /api/v1/queue-entries/:id/note': {
    allowed: async ({ db, fx }) => ({ url: `/api/v1/queue-entries/${(await entryAt(db, fx.mitteId, 'CALLED')).id}/note`, payload: { note: 'Unterlagen vollständig' } }),
    foreign: async ({ db, fx }) => ({
      url: `/api/v1/queue-entries/${(await entryAt(db, fx.otherTenantLocationId, 'CALLED')).id}/note`,
      payload: { note: 'Unterlagen vollständig' },
    }),
  },
  'GET /api/v1/locations/:locationId/display-settings': {
    allowed: ({ fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/display-settings` }),
    foreign: ({ fx }) => ({ url: `/api/v1/locations/${fx.otherTenantLocationId}/display-settings` }),
  },
  'PUT /api/v1/locations/:locationId/display-settings': {
    allowed: async ({ db, fx }) => ({
      url: `/api/v1/locations/${fx.mitteId}/display-settings`,
      payload: { recentCalls: 5, counterIds: [await firstCounter(db, fx.mitteId)] },
    }),
    foreign: async ({ db, fx }) => ({
      url: `/api/v1/locations/${fx.otherTenantLocationId}/display-settings`,
      payload: { recentCalls: 5, counterIds: [await firstCounter(db, fx.otherTenantLocationId)] },
    }),
  },
  'GET /api/v1/locations/:locationId/display': {
    allowed: ({ fx }) => ({ url: `/api/v1/locations/${fx.mitteId}/display` }),
    foreign: ({ fx }) => ({ url: `/api/v1/locations/${fx.otherTenantLocationId}/display` }),
  },
  'GET /api/v1/admin/dead-letters': { allowed: () => ({ url: '/api/v1/admin/dead-letters' }), foreign: null },
  'POST /api/v1/admin/dead-letters/:id/retry': {
    allowed: async (ctx) => ({ url: `/api/v1/admin/dead-letters/${await deadLetterAt(ctx, ctx.fx.mitteId)}/retry` }),
    foreign: async (ctx) => ({ url: `/api/v1/admin/dead-letters/${await deadLetterAt(ctx, ctx.fx.otherTenantLocationId)}/retry` }),
  },
  ...adminRouteExamples,
  ...dataRequestRouteExamples,
  ...statisticsRouteExamples,
  ...backofficeRouteExamples,
};
