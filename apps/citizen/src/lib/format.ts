import type { Lang } from '@termin/ui/i18n';

const locale = (lang: Lang) => (lang === 'de' ? 'de-DE' : 'en-GB');

/** "Montag, 30. November 2026" in the office's time zone, whatever the server's zone. */
export function formatDate(lang: Lang, instantOrDate: string, timeZone: string): string {
  const value = instantOrDate.length === 10 ? new Date(`${instantOrDate}T12:00:00Z`) : new Date(instantOrDate);
  return new Intl.DateTimeFormat(locale(lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(value);
}

export function formatTime(lang: Lang, instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(instant));
}

export function serviceName(lang: Lang, service: { nameDe: string; nameEn: string }): string {
  return lang === 'de' ? service.nameDe : service.nameEn;
}
