import { createHash } from 'node:crypto';
import { CONFIRM_BATCH_MAX, isOutboxEventType, outboxEvents } from '@termin/jobs';
import { loadAppointment } from '../appointments';
import type { WorkerContext } from '../context';
import { announceAppointment } from '../live-events';
import { queueNotifications } from '../notify';
import { removeReminders, scheduleReminder } from '../reminders';

export interface OutboxRow {
  id: string;
  type: string;
  payload: unknown;
}

/** An event that can never be published (unknown type, malformed payload); it must not block the rest. */
export class PoisonEventError extends Error {
  override readonly name = 'PoisonEventError';
}

/** An event set aside as unpublishable, with why (free of personal data). */
export interface PoisonEvent {
  id: string;
  reason: string;
}

/**
 * A run of `appointment.booked` events as confirm jobs of up to CONFIRM_BATCH_MAX bookings each,
 * in one `addBulk` (one round trip to Redis). A job's id derives from its events' ids, so the same
 * run relayed again after a crash adds nothing; a run cut differently the second time overlaps an
 * earlier job, whose bookings are then confirmed and mailed once all the same (the confirm step and
 * the delivery claims are idempotent). Returns the events whose payload is unusable; they are not added.
 */
export async function publishBookings(ctx: WorkerContext, events: OutboxRow[]): Promise<PoisonEvent[]> {
  const poison: PoisonEvent[] = [];
  const booked: { eventId: string; appointmentId: string }[] = [];
  for (const event of events) {
    const parsed = outboxEvents['appointment.booked'].safeParse(event.payload);
    if (!parsed.success) poison.push({ id: event.id, reason: `invalid payload for ${event.type}` });
    else booked.push({ eventId: event.id, appointmentId: parsed.data.appointmentId });
  }
  const jobs = [];
  for (let i = 0; i < booked.length; i += CONFIRM_BATCH_MAX) {
    const run = booked.slice(i, i + CONFIRM_BATCH_MAX);
    jobs.push({ name: 'confirm', data: { appointmentIds: run.map((b) => b.appointmentId) }, opts: { jobId: confirmJobId(run.map((b) => b.eventId)) } });
  }
  if (jobs.length) await ctx.queues['confirm-appointment'].addBulk(jobs);
  return poison;
}

/** A single booking's job keeps its event's id; a run's id is a digest of its events' ids. */
function confirmJobId(eventIds: string[]): string {
  if (eventIds.length === 1) return eventIds[0]!;
  return `run_${createHash('sha256').update(eventIds.join(',')).digest('hex').slice(0, 40)}`;
}

/**
 * Turns one outbox event into jobs and live updates. Must be safe to repeat: the relay may crash
 * after this and before marking the event published. Jobs use the event id (or a deterministic
 * id) as jobId, so a repeat adds nothing; removals of absent jobs are no-ops.
 */
export async function publishOutboxEvent(ctx: WorkerContext, event: OutboxRow): Promise<void> {
  if (!isOutboxEventType(event.type)) throw new PoisonEventError(`unknown event type ${event.type.slice(0, 64)}`);
  const parsed = outboxEvents[event.type].safeParse(event.payload);
  if (!parsed.success) throw new PoisonEventError(`invalid payload for ${event.type}`);
  const { appointmentId } = parsed.data;
  const byEvent = { jobId: event.id };

  switch (event.type) {
    case 'appointment.booked': {
      await ctx.queues['confirm-appointment'].add('confirm', { appointmentIds: [appointmentId] }, byEvent);
      return;
    }
    case 'appointment.cancelled': {
      const { sequence } = outboxEvents[event.type].parse(event.payload);
      await removeReminders(ctx, appointmentId, sequence + 1);
      const appointment = await loadAppointment(ctx.db, appointmentId);
      if (!appointment) return;
      await queueNotifications(ctx, 'cancellation', appointment, sequence);
      await announceAppointment(ctx, 'cancelled', appointment);
      return;
    }
    case 'appointment.rescheduled': {
      const { sequence } = outboxEvents[event.type].parse(event.payload);
      await removeReminders(ctx, appointmentId, sequence);
      const appointment = await loadAppointment(ctx.db, appointmentId);
      if (!appointment) return;
      // Still PENDING: the confirm job sends the confirmation with the new time and the reminder.
      if (appointment.status === 'CONFIRMED' && appointment.sequence === sequence) {
        await scheduleReminder(ctx, appointment);
        await queueNotifications(ctx, 'reschedule', appointment, sequence);
      }
      await announceAppointment(ctx, 'rescheduled', appointment);
      return;
    }
    case 'appointment.checked_in':
      // The API instance that checked the citizen in has announced it to the screens already.
      return;
  }
}
