import { locales, type Lang } from '@termin/ui/i18n';

/** "10:42": the time of day at the office, whatever zone the clerk's computer is set to. */
export function timeOfDay(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}
