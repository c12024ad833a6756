import type { Db } from '@termin/db';
import type { NotificationKindName } from '@termin/jobs';

export async function loadAppointment(db: Db, appointmentId: string) {
  return db.appointment.findUnique({
    where: { id: appointmentId },
    include: { location: true, service: true, tenant: true },
  });
}

export type LoadedAppointment = NonNullable<Awaited<ReturnType<typeof loadAppointment>>>;

/**
 * Whether a message of `kind` about version `sequence` still tells the truth. Jobs can run late
 * (retries, reminders days ahead), so each checks the current row instead of trusting its payload.
 */
export function messageStillApplies(kind: NotificationKindName, appointment: LoadedAppointment, sequence: number): boolean {
  if (appointment.anonymisedAt) return false;
  switch (kind) {
    case 'cancellation':
      return appointment.status === 'CANCELLED';
    case 'reminder':
      return appointment.status === 'CONFIRMED' && appointment.sequence === sequence;
    case 'confirmation':
    case 'reschedule':
      return (appointment.status === 'CONFIRMED' || appointment.status === 'CHECKED_IN') && appointment.sequence === sequence;
  }
}
