import { randomUUID } from 'node:crypto';
import type { Db } from '@termin/db';
import { generateBookingCode } from '@termin/domain';
import { addDeadLetter } from '@termin/jobs';
import type { App } from '../../src/app';
import type { AccessFixtures } from './fixtures';

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
  return addDeadLetter(app.queues['dead-letter'], {
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
  'GET /api/v1/admin/audit-log': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/audit-log?locationId=${fx.mitteId}` }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/audit-log?locationId=${fx.otherTenantLocationId}` }),
  },
  'GET /api/v1/admin/dead-letters': { allowed: () => ({ url: '/api/v1/admin/dead-letters' }), foreign: null },
  'POST /api/v1/admin/dead-letters/:id/retry': {
    allowed: async (ctx) => ({ url: `/api/v1/admin/dead-letters/${await deadLetterAt(ctx, ctx.fx.mitteId)}/retry` }),
    foreign: async (ctx) => ({ url: `/api/v1/admin/dead-letters/${await deadLetterAt(ctx, ctx.fx.otherTenantLocationId)}/retry` }),
  },
};
