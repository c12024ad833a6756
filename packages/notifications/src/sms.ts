import { gsmLength, toGsm } from './gsm';
import { formatShortDate, formatTime } from './i18n/format';
import { messagesFor, type Lang, type NotificationKind } from './i18n';
import type { AppointmentMessageData } from './templates/data';

const SMS_SEGMENT_LENGTH = 160;

export type SmsData = Pick<
  AppointmentMessageData,
  'locationName' | 'locationAddress' | 'startsAt' | 'timezone' | 'bookingCode'
>;

/**
 * Short appointment notice in the GSM alphabet. Holds date, time, place and booking code;
 * when that exceeds one segment the address and then the tail of the location name are
 * dropped, because date, time and code are what the citizen cannot do without.
 */
export function renderSms(kind: NotificationKind, lang: Lang, data: SmsData): string {
  const messages = messagesFor(lang);
  const sms = messages.kinds[kind].sms;
  const fields = {
    date: formatShortDate(data.startsAt, data.timezone, messages),
    time: formatTime(data.startsAt, data.timezone, messages),
    bookingCode: toGsm(data.bookingCode),
  };
  const name = toGsm(oneLine(data.locationName));
  const address = toGsm(oneLine(data.locationAddress));
  const build = (place: string) =>
    toGsm(sms({ ...fields, place }));

  const full = build(address ? `${name}, ${address}` : name);
  if (gsmLength(full) <= SMS_SEGMENT_LENGTH) return full;

  const nameOnly = build(name);
  const overflow = gsmLength(nameOnly) - SMS_SEGMENT_LENGTH;
  if (overflow <= 0) return nameOnly;
  const keep = Math.max(10, [...name].length - overflow - 1);
  return build([...name].slice(0, keep).join('').trimEnd() + '.');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
