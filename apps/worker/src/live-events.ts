import { appointmentLiveEventTypes, encodeLiveEvent, liveEventsChannel } from '@termin/jobs';
import type { WorkerContext } from './context';
import type { LoadedAppointment } from './appointments';

type AppointmentChange = keyof typeof appointmentLiveEventTypes;

/** Tells staff screens of the location about the change; ids and times only (screens are public). */
export async function announceAppointment(
  ctx: WorkerContext,
  change: AppointmentChange,
  appointment: LoadedAppointment,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const message = encodeLiveEvent({
    type: appointmentLiveEventTypes[change],
    locationId: appointment.locationId,
    data: {
      appointmentId: appointment.id,
      startsAt: appointment.startsAt.toISOString(),
      sequence: appointment.sequence,
      status: appointment.status,
      ...extra,
    },
  });
  await ctx.redis.publish(liveEventsChannel(ctx.config.REDIS_PREFIX), message);
}
