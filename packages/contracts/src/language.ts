import Negotiator from 'negotiator';

/**
 * The languages every part of the product speaks: pages, e-mails, SMS. Turkish, Arabic and
 * Ukrainian are what many visitors of a Bürgeramt or Ausländerbehörde read.
 */
export const languages = ['de', 'en', 'tr', 'ar', 'uk'] as const;
export type Lang = (typeof languages)[number];

/** Languages written right to left; their pages carry `dir="rtl"`. */
const rightToLeft: ReadonlySet<Lang> = new Set(['ar']);

export function textDirection(lang: Lang): 'ltr' | 'rtl' {
  return rightToLeft.has(lang) ? 'rtl' : 'ltr';
}

/** BCP 47 locale for Intl date and time formatting in each language. */
export const locales: Record<Lang, string> = {
  de: 'de-DE',
  en: 'en-GB',
  tr: 'tr-TR',
  // Western digits: the office's booking codes and clock times stay readable for staff too.
  ar: 'ar-u-nu-latn',
  uk: 'uk-UA',
};

/** Each language's own name, for the language switcher. */
export const languageNames: Record<Lang, string> = {
  de: 'Deutsch',
  en: 'English',
  tr: 'Türkçe',
  ar: 'العربية',
  uk: 'Українська',
};

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
export function pickLanguage(acceptLanguageHeader: string | null | undefined, cookie: string | null | undefined, query: string | null | undefined): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  if (!acceptLanguageHeader) return defaultLang;
  const negotiator = new Negotiator({ headers: { 'accept-language': acceptLanguageHeader } });
  const preferred = negotiator.language([...languages]);
  return isLang(preferred) ? preferred : defaultLang;
}

/**
 * A service's name for a reader of `lang`. Services are named in German and English only; every
 * other language reads the English name.
 */
export function serviceNameIn(lang: Lang, service: { nameDe: string; nameEn: string }): string {
  return lang === 'de' ? service.nameDe : service.nameEn;
}

/**
 * What to bring for a service, for a reader of `lang`: German for German readers, English for every
 * other language; the other one when only one is written; null when the office wrote none. A German
 * reader who chose Leichte Sprache (`easy`) gets the office's easy-German text first.
 */
export function documentsIn(
  lang: Lang,
  service: { documentsDe?: string | null; documentsEn?: string | null; documentsEasy?: string | null },
  easy = false,
): string | null {
  const easyText = lang === 'de' && easy ? service.documentsEasy?.trim() : null;
  const [first, second] = lang === 'de' ? [service.documentsDe, service.documentsEn] : [service.documentsEn, service.documentsDe];
  return easyText || first?.trim() || second?.trim() || null;
}
