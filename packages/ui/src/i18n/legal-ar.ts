import type { legalDe } from './legal-de';

export const legalAr: Record<keyof typeof legalDe, string> = {
  'legal.nav': 'معلومات قانونية',
  'legal.imprint': 'بيانات الناشر',
  'legal.privacy': 'الخصوصية',
  'legal.privacyTitle': 'إشعار الخصوصية',
  'legal.accessibility': 'إمكانية الوصول',
  'legal.accessibilityTitle': 'بيان إمكانية الوصول',
  'legal.missing': 'لم تُضف البلدية هذا النص بعد. يُرجى التواصل مع إدارتك مباشرةً.',
  'legal.onlyIn': 'هذا النص متوفر باللغة {language} فقط.',
  'legal.feedbackHeading': 'الإبلاغ عن عائق',
  'legal.feedbackIntro': 'هل صادفت عائقًا، أو تحتاج إلى محتوى بشكل آخر؟ اكتب إلينا:',
  'legal.feedbackEmail': 'البريد الإلكتروني',
  'legal.feedbackAddress': 'العنوان البريدي',
  'legal.consentPrivacy': 'يوضّح إشعار الخصوصية كيف نعالج بياناتك.',
  'legal.logoAlt': 'شعار {name}',
};
