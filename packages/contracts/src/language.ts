import Negotiator from 'negotiator';

/** The languages every part of the product speaks: API messages, pages, e-mails. */
export const languages = ['de', 'en'] as const;
export type Lang = (typeof languages)[number];

// German is the working language of the municipalities; English is offered on request.
export const defaultLang: Lang = 'de';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * Chooses the language of an answer. An explicit choice (`?lang=`) wins over a remembered one (the
 * page's cookie), which wins over what the browser asks for (Accept-Language, by weight and with
 * regional variants); German is the fallback.
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
