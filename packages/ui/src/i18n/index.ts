export { languages, defaultLang, languageCookie, isLang, type Lang } from './languages';
export { t, type MessageParams } from './translate';
export type { MessageKey } from './de';
export { pickLanguage } from './pick-language';
