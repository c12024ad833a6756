import type { Handle } from '@sveltejs/kit';
import { languageCookie, pickLanguage, textDirection } from '@termin/ui/i18n';

const oneYearInSeconds = 60 * 60 * 24 * 365;

/**
 * SvelteKit `handle` hook: decides the page language, remembers an explicit `?lang=` choice in a
 * cookie so later pages keep it, and writes the language into `<html lang>` of the rendered page
 * and its writing direction into `<html dir>` (right to left for Arabic).
 * Needs `<html lang="%lang%" dir="%dir%">` in app.html and `lang` in `App.Locals`.
 */
export const languageHandle: Handle = async ({ event, resolve }) => {
  const query = event.url.searchParams.get('lang');
  const lang = pickLanguage(event.request.headers.get('accept-language'), event.cookies.get(languageCookie), query);
  if (query === lang) {
    event.cookies.set(languageCookie, lang, {
      path: '/',
      maxAge: oneYearInSeconds,
      sameSite: 'lax',
      httpOnly: true,
      secure: event.url.protocol === 'https:',
    });
  }
  event.locals.lang = lang;
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', lang).replace('%dir%', textDirection(lang)),
  });
};
