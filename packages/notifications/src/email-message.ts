import { calendarFile } from './calendar-file';
import type { AppointmentIcsInput } from './ics';
import { messagesFor, type Lang, type NotificationKind } from './i18n';
import type { EmailAttachment, OutgoingEmail } from './mailer';
import { qrPng } from './qr';
import { emailShowsQrCode, type AppointmentMessageData } from './templates/data';
import { QR_CONTENT_ID } from './templates/html';
import { renderEmail } from './templates/render';

export interface AppointmentEmailInput {
  kind: NotificationKind;
  lang: Lang;
  to: string;
  data: AppointmentMessageData;
  /**
   * Calendar entry to attach; omit for kinds that should not touch the citizen's calendar
   * (e.g. reminders). Cancellations are sent as METHOD:CANCEL, everything else as REQUEST.
   */
  calendar?: {
    uid: string;
    sequence: number;
    endsAt: Date;
    organizer?: AppointmentIcsInput['organizer'];
  };
  /** Text of the check-in QR code, the booking's `citizenLinks(…).checkin`; shown for kinds that offer check-in. */
  checkinUrl?: string;
}

/** Composes a ready-to-send appointment e-mail: localized body, .ics invite and inline QR code. */
export async function buildMessage(input: AppointmentEmailInput): Promise<OutgoingEmail> {
  const { kind, lang, data } = input;
  const messages = messagesFor(lang);
  const showQr = emailShowsQrCode(kind) && input.checkinUrl !== undefined;
  // The HTML references cid:qrcode whenever the kind offers check-in, so refuse to send a
  // mail that would show a broken image.
  if (emailShowsQrCode(kind) && !showQr) {
    throw new Error(`A ${kind} e-mail needs a check-in URL for its QR code`);
  }

  const { subject, text, html } = renderEmail(kind, lang, data);
  const attachments: EmailAttachment[] = [];

  if (input.calendar) {
    const file = calendarFile({
      lang,
      uid: input.calendar.uid,
      sequence: input.calendar.sequence,
      cancelled: kind === 'cancellation',
      startsAt: data.startsAt,
      endsAt: input.calendar.endsAt,
      timezone: data.timezone,
      serviceName: data.serviceName,
      location: { name: data.locationName, address: data.locationAddress },
      bookingCode: data.bookingCode,
      manageUrl: data.manageUrl,
      organizer: input.calendar.organizer,
    });
    attachments.push({ filename: file.filename, content: file.content, contentType: file.contentType, contentDisposition: 'attachment' });
  }

  if (showQr && input.checkinUrl !== undefined) {
    attachments.push({
      filename: messages.qrFilename,
      content: await qrPng(input.checkinUrl),
      contentType: 'image/png',
      cid: QR_CONTENT_ID,
      contentDisposition: 'inline',
    });
  }

  return { to: input.to, subject, text, html, attachments };
}
