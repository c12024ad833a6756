import type { FastifyBaseLogger } from 'fastify';
import { createAdminConfig, type AdminActor } from '@termin/booking/admin';
import type { Db } from '@termin/db';
import { publishSlotsJobId, type JobQueues } from '@termin/jobs';
import type { StaffUser } from '../plugins/auth';

/** The administration services; a rule change asks the worker to publish the location's slots. */
export function createAdminServices({ db, jobs, log, now }: { db: Db; jobs: JobQueues; log: FastifyBaseLogger; now: () => Date }) {
  return createAdminConfig({
    db,
    now,
    // After the commit; if Redis is away the daily run publishes the change instead.
    requestPublish: async ({ locationId, rulesVersion }) => {
      try {
        await jobs['publish-slots'].add('publish-slots', { locationId, rulesVersion }, { jobId: publishSlotsJobId(locationId, rulesVersion) });
      } catch (error) {
        log.warn({ locationId, reason: (error as Error).message }, 'slot publishing not requested; the daily run will catch up');
      }
    },
  });
}

/** The signed-in admin as the administration services take them. */
export function adminActor(user: StaffUser): AdminActor {
  return { sub: user.sub, username: user.username, roles: user.roles, tenantId: user.tenantId, locationIds: user.locationIds };
}
