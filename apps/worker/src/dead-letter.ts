import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import { ZodError } from 'zod';
import { addDeadLetter, jobPayloads, notificationDedupeKey, type WorkQueueName } from '@termin/jobs';
import { DeliveryError } from '@termin/notifications';
import type { WorkerContext } from './context';
import { failureReason, markDeliveryFailed } from './delivery/deliver-once';

type JobHandler = (ctx: WorkerContext, job: Job) => Promise<unknown>;

/**
 * Runs a job; when it fails for the last time (attempts used up, or a refusal that no retry
 * can change) it is copied to the dead-letter queue and its NotificationLog row marked FAILED
 * before BullMQ records the failure, so no crash can lose it between the two.
 */
export function withDeadLetter(ctx: WorkerContext, queue: WorkQueueName, handler: JobHandler): Processor {
  return async (job: Job) => {
    try {
      return await handler(ctx, job);
    } catch (error) {
      const permanent = (error instanceof DeliveryError && !error.retryable) || error instanceof ZodError;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!permanent && !lastAttempt) throw error;

      const reason = failureReason(error);
      await markNotificationFailed(ctx, queue, job, reason);
      const failedAt = ctx.now().toISOString();
      for (const letter of deadLetters(queue, job)) {
        await addDeadLetter(ctx.queues['dead-letter'], { ...letter, jobName: job.name, reason, attemptsMade: job.attemptsMade + 1, failedAt });
      }
      ctx.log.error({ queue, jobId: job.id, reason }, 'job moved to the dead-letter queue');
      throw permanent ? new UnrecoverableError(reason) : error;
    }
  };
}

/**
 * What an admin finds of the failed job: one entry per booking of a confirm run, each sent again on
 * its own, since the admin sees and retries only their own municipality's bookings.
 */
function deadLetters(queue: WorkQueueName, job: Job): { queue: WorkQueueName; jobId: string; payload: Record<string, unknown>; appointmentId: string | null }[] {
  const jobId = job.id ?? 'unknown';
  const payload = jobPayloads[queue].safeParse(job.data);
  if (!payload.success) return [{ queue, jobId, payload: {}, appointmentId: null }];
  const data: Record<string, unknown> = payload.data;
  if (Array.isArray(data.appointmentIds)) {
    const ids = data.appointmentIds as string[];
    if (ids.length === 1) return [{ queue, jobId, payload: data, appointmentId: ids[0]! }];
    return ids.map((appointmentId) => ({ queue, jobId: `${jobId}-${appointmentId}`, payload: { appointmentIds: [appointmentId] }, appointmentId }));
  }
  return [{ queue, jobId, payload: data, appointmentId: typeof data.appointmentId === 'string' ? data.appointmentId : null }];
}

async function markNotificationFailed(ctx: WorkerContext, queue: WorkQueueName, job: Job, reason: string) {
  if (queue !== 'email' && queue !== 'sms') return;
  const payload = jobPayloads[queue].safeParse(job.data);
  if (!payload.success) return;
  const { kind, appointmentId, sequence } = payload.data;
  await markDeliveryFailed(ctx.db, notificationDedupeKey(queue, kind, appointmentId, sequence), reason);
}
