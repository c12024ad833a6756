import type { Job } from 'bullmq';
import { confirmAppointments } from '@termin/booking';
import { notificationDedupeKey, parsePayload } from '@termin/jobs';
import { loadAppointments, messageStillApplies, type LoadedAppointment } from '../appointments';
import type { WorkerContext } from '../context';
import { deliverEach, type EachOutcome } from '../delivery/deliver-once';
import { announceAppointments } from '../live-events';
import { notificationJob, wantsSms } from '../notify';
import { scheduleReminders } from '../reminders';
import { sendAppointmentEmail } from './email';

/**
 * PENDING → CONFIRMED through the booking lifecycle for a run of bookings, then for each its
 * confirmation e-mail (sent here, the run's deliveries sharing their statements), SMS job, reminder
 * and live event, each kind in one round trip. A release rush is confirmed in runs like this; one
 * job per booking cost more in queue and database round trips than the e-mail itself
 * (apps/worker/BENCHMARK.md).
 *
 * Safe to run again: an appointment an earlier run confirmed is refused by the lifecycle but is
 * CONFIRMED, so its follow-ups are finished without doubling them (delivery claims, deterministic
 * job ids). Any other status (cancelled before the worker got to it) gets nothing: a retry could
 * not change it. An e-mail that does not go out here becomes an e-mail job of its own, after the
 * first retry delay, with that queue's retries and dead letter.
 */
export async function processConfirmAppointment(ctx: WorkerContext, job: Pick<Job, 'data'>) {
  const ids = [...new Set(parsePayload('confirm-appointment', job.data).appointmentIds)];
  await confirmAppointments({ db: ctx.db, now: ctx.now() }, ids);
  const appointments = await loadAppointments(ctx.db, ids);
  const confirmed = appointments.filter((a) => a.status === 'CONFIRMED');

  // Independent of each other, so they run together.
  const [emails, reminders] = await allFinished([
    sendConfirmations(ctx, confirmed),
    scheduleReminders(ctx, confirmed),
    queueConfirmationSms(ctx, confirmed),
    announceAppointments(ctx, 'confirmed', confirmed),
  ] as const);

  const refused: Record<string, number> = {};
  for (const a of appointments) if (a.status !== 'CONFIRMED') refused[a.status] = (refused[a.status] ?? 0) + 1;
  if (appointments.length < ids.length) refused.gone = ids.length - appointments.length;
  return { confirmed: confirmed.length, refused, emails, reminders };
}

async function sendConfirmations(ctx: WorkerContext, confirmed: LoadedAppointment[]) {
  const due = confirmed
    .filter((a) => a.citizenEmail && messageStillApplies('confirmation', a, a.sequence))
    .map((appointment) => ({
      appointment,
      dedupeKey: notificationDedupeKey('email', 'confirmation', appointment.id, appointment.sequence),
      channel: 'EMAIL' as const,
      kind: 'confirmation',
      appointmentId: appointment.id,
    }));
  const outcomes = await deliverEach(ctx.db, due, (claim) => sendAppointmentEmail(ctx, 'confirmation', claim.appointment, claim.dedupeKey), ctx.now);
  const retry = due.filter((claim) => typeof outcomes.get(claim.dedupeKey) === 'object');
  if (retry.length) {
    await ctx.queues.email.addBulk(retry.map(({ appointment }) => notificationJob('confirmation', appointment, appointment.sequence, ctx.config.JOB_BACKOFF_MS)));
    ctx.log.warn({ emails: retry.length }, 'confirmation e-mails not sent with their run; retried as jobs of their own');
  }
  const count = (outcome: EachOutcome) => due.filter((claim) => outcomes.get(claim.dedupeKey) === outcome).length;
  return { sent: count('sent'), alreadySent: count('already-sent'), retried: retry.length };
}

async function queueConfirmationSms(ctx: WorkerContext, confirmed: LoadedAppointment[]) {
  const jobs = confirmed.filter((a) => wantsSms(ctx, a)).map((a) => notificationJob('confirmation', a, a.sequence));
  if (jobs.length) await ctx.queues.sms.addBulk(jobs);
}

/**
 * Promise.all that waits for every one before it reports the first failure: a retry of the job must
 * not start while sends of the failed attempt are still going on.
 */
async function allFinished<T extends readonly unknown[]>(work: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(work);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
