import { locales, type Lang } from '@termin/contracts';

/** A moment as the reader's language writes it, in the given IANA zone (the office's or the municipality's). */
export function instant(lang: Lang, iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}
