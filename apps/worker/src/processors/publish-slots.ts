import type { Job } from 'bullmq';
import { publishSlots } from '@termin/booking/admin';
import { parsePayload } from '@termin/jobs';
import type { WorkerContext } from '../context';

/** Publishes slots for the booking horizon: one location after a rule change, or all (daily). */
export async function processPublishSlots(ctx: WorkerContext, job: Job): Promise<unknown> {
  const { locationId } = parsePayload('publish-slots', job.data);
  const result = await publishSlots({ db: ctx.db, now: ctx.now(), ...(locationId ? { locationId } : {}) });
  ctx.log.info({ ...result, locationId: locationId ?? 'all' }, 'slots published');
  return result;
}
