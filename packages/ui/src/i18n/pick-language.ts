import Negotiator from 'negotiator';
import { defaultLang, isLang, languages, type Lang } from './languages';

/**
 * Chooses the page language. An explicit choice wins over a remembered one, which wins over
 * what the browser asks for; German is the fallback.
 */
export function pickLanguage(
  acceptLanguageHeader: string | null | undefined,
  cookie: string | null | undefined,
  query: string | null | undefined,
): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  if (!acceptLanguageHeader) return defaultLang;
  const negotiator = new Negotiator({ headers: { 'accept-language': acceptLanguageHeader } });
  const preferred = negotiator.language([...languages]);
  return isLang(preferred) ? preferred : defaultLang;
}
