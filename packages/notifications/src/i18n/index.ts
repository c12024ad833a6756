import { de } from './de';
import { en } from './en';
import type { Lang, Messages } from './types';

const dictionaries: Record<Lang, Messages> = { de, en };

export function messagesFor(lang: Lang): Messages {
  return dictionaries[lang];
}

export type { FormattedAppointment, Lang, Messages, NotificationKind } from './types';
