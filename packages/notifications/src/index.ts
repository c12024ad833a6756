export { DeliveryError } from './delivery-error';
export { qrPng, qrSvg } from './qr';
export { citizenLinks, type CitizenLinks } from './citizen-links';
export { calendarFile, calendarUid, type CalendarFile, type CalendarFileInput } from './calendar-file';
export type { Lang, NotificationKind } from './i18n';
export { serviceNameIn } from '@termin/contracts/language';
export {
  emailShowsActions,
  emailShowsQrCode,
  type AppointmentMessageData,
  type RenderedEmail,
} from './templates/data';
export { QR_CONTENT_ID } from './templates/html';
export { renderEmail } from './templates/render';
export { renderSms, type SmsData } from './sms';
export { gsmLength, isGsm, toGsm } from './gsm';
export {
  createSipgateClient,
  type SipgateConfig,
  type SmsClient,
  type SmsMessage,
} from './sipgate';
export {
  createMailer,
  type EmailAttachment,
  type Mailer,
  type MailerConfig,
  type OutgoingEmail,
} from './mailer';
export { buildMessage, type AppointmentEmailInput } from './email-message';
