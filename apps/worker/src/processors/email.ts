import { createHash } from 'node:crypto';
import type { Job } from 'bullmq';
import { notificationDedupeKey, parsePayload, type NotificationKindName } from '@termin/jobs';
import { buildMessage, citizenLinks } from '@termin/notifications';
import { loadAppointment, messageStillApplies, type LoadedAppointment } from '../appointments';
import type { WorkerContext } from '../context';
import { deliverOnce } from '../delivery/deliver-once';
import { appointmentMessageData, calendarFor } from '../delivery/message-data';

export async function processEmail(ctx: WorkerContext, job: Job) {
  const { appointmentId, kind, sequence } = parsePayload('email', job.data);
  const appointment = await loadAppointment(ctx.db, appointmentId);
  if (!appointment || !appointment.citizenEmail) return { outcome: 'no-recipient' };
  if (!messageStillApplies(kind, appointment, sequence)) return { outcome: 'outdated' };

  const dedupeKey = notificationDedupeKey('email', kind, appointmentId, sequence);
  const outcome = await deliverOnce(ctx.db, { dedupeKey, channel: 'EMAIL', kind, appointmentId }, () => sendAppointmentEmail(ctx, kind, appointment, dedupeKey), ctx.now);
  return { outcome };
}

/** Builds the message about `appointment` and hands it to the SMTP server; the caller guards it with a delivery claim. */
export async function sendAppointmentEmail(ctx: WorkerContext, kind: NotificationKindName, appointment: LoadedAppointment, dedupeKey: string): Promise<void> {
  const message = await buildMessage({
    kind,
    lang: appointment.language,
    to: appointment.citizenEmail!,
    data: appointmentMessageData(ctx.config.CITIZEN_BASE_URL, appointment),
    // A reminder changes nothing in the citizen's calendar.
    calendar: kind === 'reminder' ? undefined : calendarFor(appointment),
    checkinUrl: kind === 'cancellation' ? undefined : citizenLinks(ctx.config.CITIZEN_BASE_URL, appointment.bookingCode).checkin,
  });
  await ctx.mailer.send({ ...message, messageId: stableMessageId(dedupeKey, ctx.config.MAIL_FROM) });
}

/** Same id for every attempt of one message (see deliverOnce on the at-least-once window). */
function stableMessageId(dedupeKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'termin.invalid';
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@${domain}>`;
}
