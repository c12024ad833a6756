import type { Messages } from './types';

// Always the location's timezone: the citizen has to be at the office at its local time,
// wherever their phone or mail client happens to be.

const longDate = { dateStyle: 'full' } as const;
/** Numeric date with weekday, compact enough for an SMS. */
const shortDate = { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' } as const;
const clockTime = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

// Making an Intl.DateTimeFormat costs far more than formatting with it, and every message of a
// release rush asks for the same few locale and timezone pairs.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Intl.DateTimeFormatOptions, name: string, locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${name}|${locale}|${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...style, timeZone });
    formatters.set(key, format);
  }
  return format;
}

export function formatLongDate(at: Date, timezone: string, messages: Messages): string {
  return formatter(longDate, 'long', messages.locale, timezone).format(at);
}

export function formatShortDate(at: Date, timezone: string, messages: Messages): string {
  return formatter(shortDate, 'short', messages.locale, timezone).format(at);
}

export function formatTime(at: Date, timezone: string, messages: Messages): string {
  return messages.formatTime(formatter(clockTime, 'time', messages.locale, timezone).format(at));
}
