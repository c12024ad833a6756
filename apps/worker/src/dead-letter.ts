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
      const payload = jobPayloads[queue].safeParse(job.data);
      await addDeadLetter(ctx.queues['dead-letter'], {
        queue,
        jobId: job.id ?? 'unknown',
        jobName: job.name,
        payload: payload.success ? payload.data : {},
        appointmentId: payload.success && 'appointmentId' in payload.data ? String(payload.data.appointmentId) : null,
        reason,
        attemptsMade: job.attemptsMade + 1,
        failedAt: ctx.now().toISOString(),
      });
      ctx.log.error({ queue, jobId: job.id, reason }, 'job moved to the dead-letter queue');
      throw permanent ? new UnrecoverableError(reason) : error;
    }
  };
}

async function markNotificationFailed(ctx: WorkerContext, queue: WorkQueueName, job: Job, reason: string) {
  if (queue !== 'email' && queue !== 'sms') return;
  const payload = jobPayloads[queue].safeParse(job.data);
  if (!payload.success) return;
  const { kind, appointmentId, sequence } = payload.data;
  await markDeliveryFailed(ctx.db, notificationDedupeKey(queue, kind, appointmentId, sequence), reason);
}
