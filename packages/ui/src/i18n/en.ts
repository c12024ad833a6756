import type { MessageKey } from './de';

export const en: Record<MessageKey, string> = {
  'app.name': 'aitema|Termin',
  'shell.skipLink': 'Skip to content',
  'shell.languageNav': 'Choose language',
  'shell.footer': 'aitema|Termin – free software for appointments and queue management in municipalities',
  'citizen.title': 'Book an appointment',
  'citizen.intro':
    'Soon you will be able to book an appointment with your local authority here – no account needed, and it works without JavaScript.',
  'citizen.placeholder':
    'Online booking is being set up. Until then, please contact your local authority by phone or in person as usual.',
  'staff.title': 'Queue dashboard',
  'staff.intro': 'Staff will soon see the current queue here and call the next person.',
  'staff.placeholder': 'Staff sign-in is coming soon.',
  'admin.title': 'Administration',
  'admin.intro': 'Soon you will set up locations, services, opening hours and accounts here.',
  'admin.placeholder': 'Sign-in for administrators is coming soon.',
};
