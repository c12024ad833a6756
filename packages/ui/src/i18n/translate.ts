import { de, type MessageKey } from './de';
import { en } from './en';
import type { Lang } from './languages';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { de, en };

export type MessageParams = Record<string, string | number>;

/** Looks up `key` in the dictionary of `lang` and fills `{name}` placeholders from `params`. */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}
