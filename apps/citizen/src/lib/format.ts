import { locales, serviceNameIn, type Lang } from '@termin/ui/i18n';

const asInstant = (instantOrDate: string) => (instantOrDate.length === 10 ? new Date(`${instantOrDate}T12:00:00Z`) : new Date(instantOrDate));

/** "Montag, 30. November 2026" in the office's time zone, whatever the server's zone. */
export function formatDate(lang: Lang, instantOrDate: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locales[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(asInstant(instantOrDate));
}

/** "30. Nov." – a calendar week's first and last day. */
export function formatShortDate(lang: Lang, localDate: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'short', timeZone }).format(asInstant(localDate));
}

/** "Mo" – a calendar column. */
export function formatWeekday(lang: Lang, localDate: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locales[lang], { weekday: 'short', timeZone }).format(asInstant(localDate));
}

/** "30" – a calendar cell. */
export function formatDayOfMonth(lang: Lang, localDate: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locales[lang], { day: 'numeric', timeZone }).format(asInstant(localDate));
}

export function formatTime(lang: Lang, instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locales[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(instant));
}

export function serviceName(lang: Lang, service: { nameDe: string; nameEn: string }): string {
  return serviceNameIn(lang, service);
}
