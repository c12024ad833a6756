import { messagesFor, type Lang, type NotificationKind } from '../i18n';
import type { AppointmentMessageData, RenderedEmail } from './data';
import { formatAppointment } from './formatted';
import { renderHtml } from './html';
import { renderText } from './text';

export function renderEmail(kind: NotificationKind, lang: Lang, data: AppointmentMessageData): RenderedEmail {
  const messages = messagesFor(lang);
  const formatted = formatAppointment(data, messages);
  // Subjects end up in headers: collapse line breaks an admin may have typed into a service name.
  const subject = messages.kinds[kind].subject(formatted).replace(/\s+/g, ' ').trim();
  return {
    subject,
    text: renderText(kind, messages, formatted, data),
    html: renderHtml(kind, lang, messages, subject, formatted, data),
  };
}
