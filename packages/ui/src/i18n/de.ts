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
  'staff.placeholder': 'Die Arbeitsplätze für Schalter, Kiosk und Aufrufanzeige folgen in Kürze.',
  'admin.title': 'Verwaltung',
  'admin.intro': 'Hier richten Sie bald Standorte, Dienstleistungen, Öffnungszeiten und Zugänge ein.',
  'admin.placeholder': 'Die Konfigurationsseiten folgen in Kürze.',
  'auth.signedInAs': 'Angemeldet als {name}',
  'auth.yourLocations': 'Ihre Standorte',
  'auth.noLocations': 'Ihrem Konto ist noch kein Standort zugeordnet.',
  'auth.signOut': 'Abmelden',
  'auth.forbiddenTitle': 'Kein Zugriff',
  'auth.forbiddenText': 'Ihr Konto hat keine Rolle, die diesen Bereich nutzen darf. Bitte wenden Sie sich an Ihre Administration.',
  'auth.failedTitle': 'Anmeldung nicht abgeschlossen',
  'auth.failedText': 'Die Anmeldung ist abgelaufen oder wurde in einem anderen Fenster begonnen.',
  'auth.tryAgain': 'Erneut anmelden',
  'auth.apiUnavailable': 'Die Standorte konnten gerade nicht geladen werden.',
  'error.title': 'Es ist ein Fehler aufgetreten',
} as const;

export type MessageKey = keyof typeof de;
