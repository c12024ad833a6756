export const de = {
  'app.name': 'aitema|Termin',
  'shell.skipLink': 'Zum Inhalt springen',
  'shell.languageNav': 'Sprache wählen',
  'shell.footer': 'aitema|Termin – freie Software für Terminvergabe und Wartemanagement in Kommunen',
  'citizen.title': 'Termin buchen',
  'citizen.intro':
    'Hier können Sie bald einen Termin bei Ihrer Verwaltung buchen – ohne Konto und auch ohne JavaScript.',
  'citizen.placeholder':
    'Die Online-Terminbuchung wird gerade eingerichtet. Bis dahin erreichen Sie Ihre Verwaltung wie gewohnt telefonisch oder vor Ort.',
  'staff.title': 'Warteschlange',
  'staff.intro': 'Hier sehen Mitarbeitende bald die aktuelle Warteschlange und rufen die nächste Person auf.',
  'staff.placeholder': 'Die Anmeldung für Mitarbeitende folgt in Kürze.',
  'admin.title': 'Verwaltung',
  'admin.intro': 'Hier richten Sie bald Standorte, Dienstleistungen, Öffnungszeiten und Zugänge ein.',
  'admin.placeholder': 'Die Anmeldung für die Administration folgt in Kürze.',
} as const;

export type MessageKey = keyof typeof de;
