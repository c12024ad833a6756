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
  'staff.placeholder': 'Counter, kiosk and call display screens are coming soon.',
  'admin.title': 'Administration',
  'admin.intro': 'Soon you will set up locations, services, opening hours and accounts here.',
  'admin.placeholder': 'The configuration pages are coming soon.',
  'auth.signedInAs': 'Signed in as {name}',
  'auth.yourLocations': 'Your locations',
  'auth.noLocations': 'No location is assigned to your account yet.',
  'auth.signOut': 'Sign out',
  'auth.forbiddenTitle': 'No access',
  'auth.forbiddenText': 'Your account has no role that may use this area. Please contact your administrators.',
  'auth.failedTitle': 'Sign-in not completed',
  'auth.failedText': 'The sign-in expired or was started in another window.',
  'auth.tryAgain': 'Sign in again',
  'auth.apiUnavailable': 'Your locations could not be loaded right now.',
  'error.title': 'Something went wrong',
};
