import type { legalDe } from './legal-de';

export const legalUk: Record<keyof typeof legalDe, string> = {
  'legal.nav': 'Правова інформація',
  'legal.imprint': 'Вихідні дані',
  'legal.privacy': 'Захист даних',
  'legal.privacyTitle': 'Повідомлення про захист даних',
  'legal.accessibility': 'Доступність',
  'legal.accessibilityTitle': 'Заява про доступність',
  'legal.missing': 'Громада ще не додала цей текст. Будь ласка, зверніться безпосередньо до своєї адміністрації.',
  'legal.onlyIn': 'Цей текст доступний лише мовою: {language}.',
  'legal.feedbackHeading': 'Повідомити про бар’єр',
  'legal.feedbackIntro': 'Натрапили на бар’єр або потребуєте вміст в іншій формі? Напишіть нам:',
  'legal.feedbackEmail': 'Ел. пошта',
  'legal.feedbackAddress': 'Поштова адреса',
  'legal.consentPrivacy': 'Як ми обробляємо ваші дані, пояснено в повідомленні про захист даних.',
  'legal.logoAlt': 'Логотип {name}',
};
