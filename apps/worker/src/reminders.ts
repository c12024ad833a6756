import { reminderJobId } from '@termin/jobs';
import type { WorkerContext } from './context';
import type { LoadedAppointment } from './appointments';

// Older sequences than this are long gone (their reminders fired or were removed before).
const SEQUENCE_LOOKBACK = 20;

/**
 * Delayed reminder at the tenant's offset before the appointment. No reminder when that moment
 * has passed: the confirmation the citizen just received says the same.
 */
export async function scheduleReminder(ctx: WorkerContext, appointment: LoadedAppointment): Promise<boolean> {
  return (await scheduleReminders(ctx, [appointment])) === 1;
}

/** {@link scheduleReminder} for a run of appointments, in one round trip to Redis; how many were scheduled. */
export async function scheduleReminders(ctx: WorkerContext, appointments: readonly LoadedAppointment[]): Promise<number> {
  const now = ctx.now().getTime();
  const jobs = appointments.flatMap((appointment) => {
    const delay = appointment.startsAt.getTime() - appointment.tenant.reminderOffsetMinutes * 60_000 - now;
    if (delay <= 0) return [];
    return [
      {
        name: 'reminder',
        data: { appointmentId: appointment.id, sequence: appointment.sequence },
        opts: { jobId: reminderJobId(appointment.id, appointment.sequence), delay },
      },
    ];
  });
  if (jobs.length) await ctx.queues.reminder.addBulk(jobs);
  return jobs.length;
}

/**
 * Removes the pending reminders of every sequence below `belowSequence`. A reminder already running
 * cannot be removed; it re-checks the appointment when it fires and then sends nothing.
 */
export async function removeReminders(ctx: WorkerContext, appointmentId: string, belowSequence: number): Promise<void> {
  for (let sequence = Math.max(0, belowSequence - SEQUENCE_LOOKBACK); sequence < belowSequence; sequence++) {
    await ctx.queues.reminder.remove(reminderJobId(appointmentId, sequence)).catch((error: Error) => {
      if (!/locked/i.test(error.message)) throw error;
    });
  }
}
