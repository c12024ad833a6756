import type { Job } from 'bullmq';
import { normalisePhone, smsCountryAllowed } from '@termin/domain';
import { notificationDedupeKey, parsePayload } from '@termin/jobs';
import { renderSms } from '@termin/notifications';
import { loadAppointment, messageStillApplies } from '../appointments';
import type { WorkerContext } from '../context';
import { deliverOnce } from '../delivery/deliver-once';
import { releaseSmsPlace, takeSmsPlace } from '../delivery/sms-budget';

/** Why an SMS was not sent although the citizen asked for it; stored as the message's FAILED reason. */
export const SMS_WITHHELD = { country: 'sms_country_not_allowed', budget: 'sms_daily_budget_exhausted' } as const;

export async function processSms(ctx: WorkerContext, job: Job) {
  const { appointmentId, kind, sequence } = parsePayload('sms', job.data);
  const sms = ctx.sms;
  if (!sms) return { outcome: 'sms-not-configured' };
  const appointment = await loadAppointment(ctx.db, appointmentId);
  // Opt-in is checked again here: the citizen may have withdrawn it since the job was queued.
  if (!appointment || !appointment.smsOptIn || !appointment.citizenPhone) return { outcome: 'no-recipient' };
  if (!messageStillApplies(kind, appointment, sequence)) return { outcome: 'outdated' };
  const { tenant } = appointment;

  let withheld: string | null = null;
  const outcome = await deliverOnce(
    ctx.db,
    { dedupeKey: notificationDedupeKey('sms', kind, appointmentId, sequence), channel: 'SMS', kind, appointmentId },
    async () => {
      // Checked again at sending: the municipality may have narrowed its country codes since the booking.
      if (!smsCountryAllowed(normalisePhone(appointment.citizenPhone!), tenant.smsCountryCodes)) return { withheld: (withheld = SMS_WITHHELD.country) };
      if (!(await takeSmsPlace(ctx.db, tenant, ctx.now()))) {
        ctx.log.warn({ tenantId: tenant.id, appointmentId }, 'sms withheld: daily sms budget used up');
        return { withheld: (withheld = SMS_WITHHELD.budget) };
      }
      try {
        await sms.sendSms({
          recipient: appointment.citizenPhone!,
          message: renderSms(kind, appointment.language, {
            locationName: appointment.location.name,
            locationAddress: appointment.location.address,
            startsAt: appointment.startsAt,
            timezone: appointment.location.timezone,
            bookingCode: appointment.bookingCode,
          }),
        });
      } catch (error) {
        await releaseSmsPlace(ctx.db, tenant, ctx.now());
        throw error;
      }
    },
    ctx.now,
  );
  return { outcome: withheld ?? outcome };
}
