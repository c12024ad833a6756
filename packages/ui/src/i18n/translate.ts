import { de, staffOnlyPrefixes, type AdminKey, type MessageKey } from './de';
import { ar } from './ar';
import { en } from './en';
import type { Lang } from './languages';
import { tr } from './tr';
import { uk } from './uk';

export const isStaffOnlyKey = (key: string) => staffOnlyPrefixes.some((prefix) => key.startsWith(prefix));
const adminTexts = Object.fromEntries(Object.entries(en).filter(([key]) => isStaffOnlyKey(key))) as Record<AdminKey, string>;

/**
 * One catalogue per language; the types refuse one that misses a visitor's key. Turkish, Arabic and
 * Ukrainian show the staff-only screens in English.
 */
export const catalogues: Record<Lang, Record<MessageKey, string>> = {
  de,
  en,
  tr: { ...adminTexts, ...tr },
  ar: { ...adminTexts, ...ar },
  uk: { ...adminTexts, ...uk },
};

export type MessageParams = Record<string, string | number>;

/** Looks up `key` in the dictionary of `lang` and fills `{name}` placeholders from `params`. */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return catalogues[lang][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in params ? String(params[name]) : placeholder));
}
