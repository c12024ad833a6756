// The vocabulary is the API's too; it is defined once, in the wire contracts.
export { languages, defaultLang, isLang, pickLanguage, textDirection, locales, languageNames, serviceNameIn, type Lang } from '@termin/contracts/language';

/** The cookie that remembers a visitor's explicit language choice. */
export const languageCookie = 'lang';
