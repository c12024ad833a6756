import { locales, type Lang } from '@termin/ui/i18n';

/** "Fr., 5. Dez. 2026, 10:30": an appointment's day and time at the office, whatever zone the clerk's computer uses. */
export function dateAndTime(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}
