import type { Job } from 'bullmq';
import { notificationDedupeKey, parsePayload } from '@termin/jobs';
import { renderSms } from '@termin/notifications';
import { loadAppointment, messageStillApplies } from '../appointments';
import type { WorkerContext } from '../context';
import { deliverOnce } from '../delivery/deliver-once';

export async function processSms(ctx: WorkerContext, job: Job) {
  const { appointmentId, kind, sequence } = parsePayload('sms', job.data);
  const sms = ctx.sms;
  if (!sms) return { outcome: 'sms-not-configured' };
  const appointment = await loadAppointment(ctx.db, appointmentId);
  // Opt-in is checked again here: the citizen may have withdrawn it since the job was queued.
  if (!appointment || !appointment.smsOptIn || !appointment.citizenPhone) return { outcome: 'no-recipient' };
  if (!messageStillApplies(kind, appointment, sequence)) return { outcome: 'outdated' };

  const outcome = await deliverOnce(
    ctx.db,
    { dedupeKey: notificationDedupeKey('sms', kind, appointmentId, sequence), channel: 'SMS', kind, appointmentId },
    () =>
      sms.sendSms({
        recipient: appointment.citizenPhone!,
        message: renderSms(kind, appointment.language, {
          locationName: appointment.location.name,
          locationAddress: appointment.location.address,
          startsAt: appointment.startsAt,
          timezone: appointment.location.timezone,
          bookingCode: appointment.bookingCode,
        }),
      }),
    ctx.now,
  );
  return { outcome };
}
