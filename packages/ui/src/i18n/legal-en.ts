import type { legalDe } from './legal-de';

export const legalEn: Record<keyof typeof legalDe, string> = {
  'legal.nav': 'Legal',
  'legal.imprint': 'Imprint',
  'legal.privacy': 'Privacy',
  'legal.privacyTitle': 'Privacy notice',
  'legal.accessibility': 'Accessibility',
  'legal.accessibilityTitle': 'Accessibility statement',
  'legal.missing': 'The municipality has not provided this text yet. Please contact your local authority directly.',
  'legal.onlyIn': 'This text is only available in {language}.',
  'legal.feedbackHeading': 'Report a barrier',
  'legal.feedbackIntro': 'Have you come across a barrier, or do you need content in another form? Write to us:',
  'legal.feedbackEmail': 'E-mail',
  'legal.feedbackAddress': 'Postal address',
  'legal.consentPrivacy': 'How we process your details is explained in the privacy notice.',
  'legal.logoAlt': 'Logo of {name}',
};
