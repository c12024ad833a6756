import { describe, expect, it } from 'vitest';
import { pickLanguage, textDirection } from '../src/language';

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

  it('offers Turkish, Arabic and Ukrainian, regional variants included', () => {
    expect(pickLanguage('tr-TR,tr;q=0.9', undefined, undefined)).toBe('tr');
    expect(pickLanguage('ar-SA', undefined, undefined)).toBe('ar');
    expect(pickLanguage('ru, uk;q=0.8', undefined, undefined)).toBe('uk');
    expect(pickLanguage(undefined, 'ar', 'uk')).toBe('uk');
  });
});

describe('textDirection', () => {
  it('writes Arabic right to left and every other language left to right', () => {
    expect(textDirection('ar')).toBe('rtl');
    for (const lang of ['de', 'en', 'tr', 'uk'] as const) expect(textDirection(lang)).toBe('ltr');
  });
});
