import { encodeLiveEvent, liveEventsChannel, type AppointmentChange } from '@termin/jobs';
import type { WorkerContext } from './context';
import type { LoadedAppointment } from './appointments';

/** Tells staff screens of the location about the change; ids and times only (screens are public). */
export async function announceAppointment(ctx: WorkerContext, change: AppointmentChange, appointment: LoadedAppointment): Promise<void> {
  const message = encodeLiveEvent({
    type: 'appointment_changed',
    locationId: appointment.locationId,
    appointmentId: appointment.id,
    change,
    status: appointment.status,
    startsAt: appointment.startsAt.toISOString(),
  });
  await ctx.redis.publish(liveEventsChannel(ctx.config.REDIS_PREFIX), message);
}
