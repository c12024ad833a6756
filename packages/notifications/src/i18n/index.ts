import { ar } from './ar';
import { de } from './de';
import { en } from './en';
import { tr } from './tr';
import type { Lang, Messages } from './types';
import { uk } from './uk';

const dictionaries: Partial<Record<string, Messages>> = { de, en, tr, ar, uk };

/**
 * The texts of the booking's language. A language without texts (a value stored before its
 * catalogue shipped, or one dropped later) reads English, then German.
 */
export function messagesFor(lang: Lang | string): Messages {
  return dictionaries[lang] ?? dictionaries.en ?? de;
}

export type { FormattedAppointment, Lang, Messages, NotificationKind } from './types';
