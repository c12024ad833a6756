import type { Handle } from '@sveltejs/kit';

/** The cookie that remembers a visitor's choice of Leichte Sprache (easy German). */
export const easyLanguageCookie = 'easy';
const oneYearInSeconds = 60 * 60 * 24 * 365;

/**
 * Leichte Sprache is a variant of German, not a language of its own: `?lang=de&easy=1` chooses it
 * (a plain link of the language menu, so it works without JavaScript), `easy=0` goes back to
 * standard German, and the choice is remembered like the language. Pages then show the office's
 * easy-German texts where it wrote them and the standard German ones otherwise
 * (`documentsIn(lang, service, easy)`). Runs after the kit's language hook.
 */
export const easyLanguageHandle: Handle = async ({ event, resolve }) => {
  const query = event.url.searchParams.get('easy');
  if (query === '1') {
    event.cookies.set(easyLanguageCookie, '1', {
      path: '/',
      maxAge: oneYearInSeconds,
      sameSite: 'lax',
      httpOnly: true,
      secure: event.url.protocol === 'https:',
    });
  } else if (query === '0') {
    event.cookies.delete(easyLanguageCookie, { path: '/' });
  }
  const chosen = query === '1' || (query !== '0' && event.cookies.get(easyLanguageCookie) === '1');
  event.locals.easy = event.locals.lang === 'de' && chosen;
  return resolve(event);
};
