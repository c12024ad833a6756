export const languages = ['de', 'en'] as const;
export type Lang = (typeof languages)[number];

// German is the working language of the municipalities; English is offered on request.
export const defaultLang: Lang = 'de';

export const languageCookie = 'lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
