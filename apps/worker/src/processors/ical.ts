import type { Job } from 'bullmq';
import { parsePayload } from '@termin/jobs';
import { buildAppointmentIcs } from '@termin/notifications';
import { loadAppointment, manageUrl, type LoadedAppointment } from '../appointments';
import type { WorkerContext } from '../context';

/** Redis key of an appointment's cached calendar file (for a download link). */
export function icsCacheKey(redisPrefix: string, appointmentId: string): string {
  return `${redisPrefix}:ics:${appointmentId}`;
}

/** The calendar file as the e-mail attaches it, but standalone (no METHOD), for downloads. */
export function appointmentIcs(citizenBaseUrl: string, appointment: LoadedAppointment): string {
  const lang = appointment.language;
  const serviceName = lang === 'en' ? appointment.service.nameEn : appointment.service.nameDe;
  const link = manageUrl(citizenBaseUrl, appointment.bookingCode);
  return buildAppointmentIcs({
    uid: `${appointment.id}@termin`,
    sequence: appointment.sequence,
    method: appointment.status === 'CANCELLED' ? 'CANCEL' : 'REQUEST',
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    timezone: appointment.location.timezone,
    summary: serviceName,
    location: { name: appointment.location.name, address: appointment.location.address },
    description: `${appointment.bookingCode}\n${link}`,
    url: link,
  });
}

/**
 * Builds the calendar file and caches it until the appointment is over. It holds no citizen
 * name or contact, only what the booking code already reveals.
 */
export async function processIcal(ctx: WorkerContext, job: Job) {
  const { appointmentId } = parsePayload('ical', job.data);
  const appointment = await loadAppointment(ctx.db, appointmentId);
  if (!appointment || appointment.anonymisedAt) return { outcome: 'gone' };
  const ttlSeconds = Math.ceil((appointment.endsAt.getTime() - ctx.now().getTime()) / 1000);
  if (ttlSeconds <= 0) return { outcome: 'past' };
  await ctx.redis.set(icsCacheKey(ctx.config.REDIS_PREFIX, appointmentId), appointmentIcs(ctx.config.CITIZEN_BASE_URL, appointment), 'EX', ttlSeconds);
  return { outcome: 'cached' };
}
