import fp from 'fastify-plugin';
import { createAdminConfig, type AdminActor, type AdminConfig } from '@termin/booking/admin';
import { publishSlotsJobId } from '@termin/jobs';
import type { StaffUser } from './auth';

declare module 'fastify' {
  interface FastifyInstance {
    /** Administration services (locations, services, counters, opening hours, closures, holidays). */
    adminConfig: AdminConfig;
  }
}

/** The signed-in admin as the administration services take them. */
export function adminActor(user: StaffUser): AdminActor {
  return { sub: user.sub, username: user.username, roles: user.roles, tenantId: user.tenantId, locationIds: user.locationIds };
}

export default fp(
  async (app) => {
    app.decorate(
      'adminConfig',
      createAdminConfig({
        db: app.db,
        now: () => new Date(),
        // After the commit; if Redis is away the daily run publishes the change instead.
        requestPublish: async ({ locationId, rulesVersion }) => {
          try {
            await app.jobs['publish-slots'].add('publish-slots', { locationId, rulesVersion }, { jobId: publishSlotsJobId(locationId, rulesVersion) });
          } catch (error) {
            app.log.warn({ locationId, reason: (error as Error).message }, 'slot publishing not requested; the daily run will catch up');
          }
        },
      }),
    );
  },
  { name: 'admin-config', dependencies: ['prisma', 'jobs'] },
);
