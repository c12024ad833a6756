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
  const fireAt = appointment.startsAt.getTime() - appointment.tenant.reminderOffsetMinutes * 60_000;
  const delay = fireAt - ctx.now().getTime();
  if (delay <= 0) return false;
  await ctx.queues.reminder.add(
    'reminder',
    { appointmentId: appointment.id, sequence: appointment.sequence },
    { jobId: reminderJobId(appointment.id, appointment.sequence), delay },
  );
  return true;
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
