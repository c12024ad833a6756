import { describe, expect, it } from 'vitest';
import { pickLanguage } from '../src/language';

describe('pickLanguage', () => {
  it('falls back to German when nothing says otherwise', () => {
    expect(pickLanguage(undefined, undefined, undefined)).toBe('de');
    expect(pickLanguage('fr-FR,fr;q=0.9', null, null)).toBe('de');
  });

  it('follows the browser language, regional variants included, by preference order', () => {
    expect(pickLanguage('en-GB,en;q=0.9', undefined, undefined)).toBe('en');
    expect(pickLanguage('fr-FR, en;q=0.8, de;q=0.9', undefined, undefined)).toBe('de');
    expect(pickLanguage('fr-FR, de;q=0.5, en-US;q=0.7', undefined, undefined)).toBe('en');
  });

  it('lets a remembered choice win over the browser, and an explicit one win over both', () => {
    expect(pickLanguage('en', 'de', undefined)).toBe('de');
    expect(pickLanguage('de', 'de', 'en')).toBe('en');
  });

  it('ignores languages the app does not offer in cookie and query', () => {
    expect(pickLanguage('en', 'xx', 'fr')).toBe('en');
  });
});
