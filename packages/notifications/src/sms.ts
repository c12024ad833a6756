import { gsmLength, toGsm } from './gsm';
import { formatShortDate, formatTime } from './i18n/format';
import { messagesFor, type Lang, type NotificationKind } from './i18n';
import type { AppointmentMessageData } from './templates/data';

const SMS_SEGMENT_LENGTH = 160;
// Arabic and Cyrillic cannot be written in the GSM alphabet: such an SMS goes out in UCS-2, where
// one segment holds only 70 characters; two joined segments (2 × 67) carry date, time, place and code.
const UCS2_BUDGET = 134;
const nonLatin: ReadonlySet<Lang> = new Set(['ar', 'uk']);

export type SmsData = Pick<AppointmentMessageData, 'locationName' | 'locationAddress' | 'startsAt' | 'timezone' | 'bookingCode'>;

/**
 * Short appointment notice, in the GSM alphabet where the language allows it (one segment of
 * 160), otherwise in UCS-2 (two joined segments). Holds date, time, place and booking code;
 * when that exceeds the budget the address and then the tail of the location name are
 * dropped, because date, time and code are what the citizen cannot do without.
 */
export function renderSms(kind: NotificationKind, lang: Lang, data: SmsData): string {
  const messages = messagesFor(lang);
  const sms = messages.kinds[kind].sms;
  const ucs2 = nonLatin.has(lang);
  const encode = ucs2 ? (text: string) => text : toGsm;
  const length = ucs2 ? (text: string) => text.length : gsmLength;
  const budget = ucs2 ? UCS2_BUDGET : SMS_SEGMENT_LENGTH;
  const fields = {
    date: formatShortDate(data.startsAt, data.timezone, messages),
    time: formatTime(data.startsAt, data.timezone, messages),
    bookingCode: encode(data.bookingCode),
  };
  const name = encode(oneLine(data.locationName));
  const address = encode(oneLine(data.locationAddress));
  const build = (place: string) => encode(sms({ ...fields, place }));

  const full = build(address ? `${name}, ${address}` : name);
  if (length(full) <= budget) return full;

  const nameOnly = build(name);
  const overflow = length(nameOnly) - budget;
  if (overflow <= 0) return nameOnly;
  const keep = Math.max(10, [...name].length - overflow - 1);
  return build([...name].slice(0, keep).join('').trimEnd() + '.');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
