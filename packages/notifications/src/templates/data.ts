import type { NotificationKind } from '../i18n';

export interface AppointmentMessageData {
  citizenName: string;
  serviceName: string;
  locationName: string;
  locationAddress: string;
  startsAt: Date;
  /** IANA timezone of the location. */
  timezone: string;
  bookingCode: string;
  manageUrl: string;
  cancelUrl: string;
  /** What to bring, in the message's language (null: the office wrote nothing). */
  documents?: string | null;
  /** For reschedule messages: the start the appointment was moved away from. */
  previousStartsAt?: Date;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Whether the mail shows the check-in QR code (and so needs the `cid:qrcode` inline image). */
export function emailShowsQrCode(kind: NotificationKind): boolean {
  return kind !== 'cancellation';
}

/** A cancelled appointment can no longer be changed or cancelled, so its mail offers no such links. */
export function emailShowsActions(kind: NotificationKind): boolean {
  return kind !== 'cancellation';
}
