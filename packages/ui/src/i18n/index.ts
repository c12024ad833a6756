export { languages, defaultLang, languageCookie, isLang, pickLanguage, textDirection, locales, languageNames, type Lang } from './languages';
export { t, type MessageParams } from './translate';
export type { MessageKey } from './de';
