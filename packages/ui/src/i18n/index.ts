export { languages, defaultLang, languageCookie, isLang, pickLanguage, textDirection, locales, languageNames, serviceNameIn, type Lang } from './languages';
export { t, type MessageParams } from './translate';
export type { MessageKey } from './de';
