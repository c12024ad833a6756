import type { Messages } from './types';

// Always the location's timezone: the citizen has to be at the office at its local time,
// wherever their phone or mail client happens to be.

export function formatLongDate(at: Date, timezone: string, messages: Messages): string {
  return new Intl.DateTimeFormat(messages.locale, { dateStyle: 'full', timeZone: timezone }).format(at);
}

/** Numeric date with weekday, compact enough for an SMS. */
export function formatShortDate(at: Date, timezone: string, messages: Messages): string {
  return new Intl.DateTimeFormat(messages.locale, {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: timezone,
  }).format(at);
}

export function formatTime(at: Date, timezone: string, messages: Messages): string {
  const clock = new Intl.DateTimeFormat(messages.locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: timezone,
  }).format(at);
  return messages.formatTime(clock);
}
