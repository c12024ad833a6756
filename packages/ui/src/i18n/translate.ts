import { de, type MessageKey } from './de';
import { ar } from './ar';
import { en } from './en';
import type { Lang } from './languages';
import { tr } from './tr';
import { uk } from './uk';

/** One complete catalogue per language; the type refuses a catalogue that misses a key. */
export const catalogues: Record<Lang, Record<MessageKey, string>> = { de, en, tr, ar, uk };

export type MessageParams = Record<string, string | number>;

/** Looks up `key` in the dictionary of `lang` and fills `{name}` placeholders from `params`. */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return catalogues[lang][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}
