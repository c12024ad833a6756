import escapeHtml from 'escape-html';
import { textDirection } from '@termin/contracts/language';
import type { FormattedAppointment, Lang, Messages, NotificationKind } from '../i18n';
import { emailShowsActions, emailShowsQrCode, type AppointmentMessageData } from './data';

/** Content-ID under which the mailer attaches the check-in QR code PNG. */
export const QR_CONTENT_ID = 'qrcode';

// Colours meet WCAG AA (text ≥ 4.5:1) on the white background: #1a1a1a ≈ 17:1, #0b4f9c ≈ 8:1,
// #4d4d4d ≈ 8.5:1. Styles are inline because many mail clients drop <style> blocks.
const TEXT = '#1a1a1a';
const LINK = '#0b4f9c';
const MUTED = '#4d4d4d';

const e = (text: string): string => escapeHtml(text);

function safeHref(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error('Links in e-mails must use http or https');
  }
  return e(parsed.href);
}

export function renderHtml(kind: NotificationKind, lang: Lang, messages: Messages, subject: string, a: FormattedAppointment, data: AppointmentMessageData): string {
  const k = messages.kinds[kind];
  const dir = textDirection(lang);
  // Mail clients ignore logical properties; the list indent goes to the side the text starts on.
  const listIndent = dir === 'rtl' ? 'padding-right:20px' : 'padding-left:20px';
  const l = messages.labels;
  const h2 = `style="font-size:20px;margin:32px 0 8px;color:${TEXT}"`;
  const dt = `style="font-weight:bold;margin-top:12px"`;
  const dd = `style="margin:0"`;

  const details = `
<h2 ${h2}>${e(messages.detailsHeading)}</h2>
<dl style="margin:0">
  <dt ${dt}>${e(l.bookedFor)}</dt><dd ${dd}>${e(messages.quote(a.citizenName))}</dd>
  <dt ${dt}>${e(l.service)}</dt><dd ${dd}>${e(a.serviceName)}</dd>
  <dt ${dt}>${e(l.date)}</dt><dd ${dd}>${e(a.date)}</dd>
  <dt ${dt}>${e(l.time)}</dt><dd ${dd}>${e(a.time)}</dd>
  <dt ${dt}>${e(l.location)}</dt><dd ${dd}>${e(a.locationName)}<br>${e(a.locationAddress)}</dd>
  <dt ${dt}>${e(l.bookingCode)}</dt><dd ${dd}><strong style="font-size:20px;letter-spacing:2px">${e(a.bookingCode)}</strong></dd>
  ${data.documents && emailShowsActions(kind) ? `<dt ${dt}>${e(l.documents)}</dt><dd style="margin:0;white-space:pre-line">${e(data.documents)}</dd>` : ''}
</dl>`;

  const checkin = emailShowsQrCode(kind)
    ? `
<h2 ${h2}>${e(messages.checkinHeading)}</h2>
<p>${e(messages.checkinHint)}</p>
<p><img src="cid:${QR_CONTENT_ID}" alt="${e(messages.qrAlt(a.bookingCode))}" width="200" height="200" style="display:block;border:0"></p>`
    : '';

  const actions = emailShowsActions(kind)
    ? `
<p>${e(messages.bringCode)}</p>
<h2 ${h2}>${e(messages.actionsHeading)}</h2>
<ul style="${listIndent}">
  <li style="margin-bottom:8px"><a href="${safeHref(data.manageUrl)}" style="color:${LINK};text-decoration:underline">${e(messages.manageLink)}</a></li>
  <li><a href="${safeHref(data.cancelUrl)}" style="color:${LINK};text-decoration:underline">${e(messages.cancelLink)}</a></li>
</ul>`
    : '';

  return `<!DOCTYPE html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:${TEXT};font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:600px;margin:0 auto;padding:24px">
<h1 style="font-size:26px;margin:0 0 16px;color:${TEXT}">${e(k.heading)}</h1>
<p>${e(messages.greeting)}</p>
<p>${e(k.intro(a))}</p>
${details}
${checkin}
${actions}
<p style="margin-top:32px">${e(messages.signOff)}<br>${e(messages.sender)}</p>
<footer><p style="font-size:14px;color:${MUTED}">${e(messages.automatedNotice)}</p></footer>
</main>
</body>
</html>
`;
}
