/** Texts of the citizen portal's legal pages, footer and branding, German (keys every language has). */
export const legalDe = {
  'legal.nav': 'Rechtliches',
  'legal.imprint': 'Impressum',
  'legal.privacy': 'Datenschutz',
  'legal.privacyTitle': 'Datenschutzerklärung',
  'legal.accessibility': 'Barrierefreiheit',
  'legal.accessibilityTitle': 'Erklärung zur Barrierefreiheit',
  'legal.missing': 'Die Kommune hat diesen Text noch nicht hinterlegt. Bitte wenden Sie sich direkt an Ihre Verwaltung.',
  'legal.onlyIn': 'Dieser Text liegt nur auf {language} vor.',
  'legal.feedbackHeading': 'Barrieren melden',
  'legal.feedbackIntro': 'Ist Ihnen eine Barriere aufgefallen, oder brauchen Sie einen Inhalt in einer anderen Form? Schreiben Sie uns:',
  'legal.feedbackEmail': 'E-Mail',
  'legal.feedbackAddress': 'Postanschrift',
  'legal.consentPrivacy': 'Wie wir Ihre Angaben verarbeiten, steht in der Datenschutzerklärung.',
  'legal.logoAlt': 'Logo von {name}',
} as const;
