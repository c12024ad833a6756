import { encodeLiveEvent, liveEventsChannel, type AppointmentChange } from '@termin/jobs';
import type { WorkerContext } from './context';
import type { LoadedAppointment } from './appointments';

/** Tells staff screens of the location about the change; ids and times only (screens are public). */
export async function announceAppointment(ctx: WorkerContext, change: AppointmentChange, appointment: LoadedAppointment): Promise<void> {
  await ctx.redis.publish(liveEventsChannel(ctx.config.REDIS_PREFIX), liveMessage(change, appointment));
}

/** {@link announceAppointment} for a run of appointments, in one round trip to Redis. */
export async function announceAppointments(ctx: WorkerContext, change: AppointmentChange, appointments: readonly LoadedAppointment[]): Promise<void> {
  if (appointments.length === 0) return;
  const channel = liveEventsChannel(ctx.config.REDIS_PREFIX);
  const pipeline = ctx.redis.pipeline();
  for (const appointment of appointments) pipeline.publish(channel, liveMessage(change, appointment));
  const failed = (await pipeline.exec())?.find(([error]) => error)?.[0];
  if (failed) throw failed;
}

function liveMessage(change: AppointmentChange, appointment: LoadedAppointment): string {
  return encodeLiveEvent({
    type: 'appointment_changed',
    locationId: appointment.locationId,
    appointmentId: appointment.id,
    change,
    status: appointment.status,
    startsAt: appointment.startsAt.toISOString(),
  });
}
