import type { legalDe } from './legal-de';

export const legalTr: Record<keyof typeof legalDe, string> = {
  'legal.nav': 'Yasal bilgiler',
  'legal.imprint': 'Künye',
  'legal.privacy': 'Gizlilik',
  'legal.privacyTitle': 'Gizlilik bildirimi',
  'legal.accessibility': 'Erişilebilirlik',
  'legal.accessibilityTitle': 'Erişilebilirlik beyanı',
  'legal.missing': 'Belediye bu metni henüz eklemedi. Lütfen doğrudan belediyenize başvurun.',
  'legal.onlyIn': 'Bu metin yalnızca {language} dilinde mevcuttur.',
  'legal.feedbackHeading': 'Bir engeli bildirin',
  'legal.feedbackIntro': 'Bir engelle mi karşılaştınız veya bir içeriğe başka bir biçimde mi ihtiyacınız var? Bize yazın:',
  'legal.feedbackEmail': 'E-posta',
  'legal.feedbackAddress': 'Posta adresi',
  'legal.consentPrivacy': 'Bilgilerinizi nasıl işlediğimiz gizlilik bildiriminde açıklanmaktadır.',
  'legal.logoAlt': '{name} logosu',
};
