import type { FormattedAppointment, Messages, NotificationKind } from '../i18n';
import { emailShowsActions, type AppointmentMessageData } from './data';

export function renderText(kind: NotificationKind, messages: Messages, a: FormattedAppointment, data: AppointmentMessageData): string {
  const k = messages.kinds[kind];
  const l = messages.labels;
  const lines = [
    k.heading,
    '',
    messages.greeting,
    '',
    k.intro(a),
    '',
    `${l.bookedFor}: ${messages.quote(a.citizenName)}`,
    `${l.service}: ${a.serviceName}`,
    `${l.date}: ${a.date}`,
    `${l.time}: ${a.time}`,
    `${l.location}: ${a.locationName}, ${a.locationAddress}`,
    `${l.bookingCode}: ${a.bookingCode}`,
  ];
  if (data.documents && emailShowsActions(kind)) lines.push('', `${l.documents}:`, data.documents);
  if (emailShowsActions(kind)) {
    lines.push('', messages.bringCode, '', `${messages.manageLink}: ${data.manageUrl}`, `${messages.cancelLink}: ${data.cancelUrl}`);
  }
  lines.push('', messages.signOff, messages.sender, '', '-- ', messages.automatedNotice);
  return lines.join('\n') + '\n';
}
