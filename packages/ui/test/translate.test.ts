import { describe, expect, it } from 'vitest';
import { de } from '../src/i18n/de';
import { catalogues, isStaffOnlyKey } from '../src/i18n/translate';
import { languages, t } from '../src/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('t', () => {
  it('returns the text in the requested language', () => {
    expect(t('de', 'citizen.title')).toBe('Termin buchen');
    expect(t('en', 'citizen.title')).toBe('Book an appointment');
    expect(t('tr', 'citizen.title')).toBe('Randevu alın');
    expect(t('ar', 'citizen.title')).toBe('احجز موعدًا');
    expect(t('uk', 'citizen.title')).toBe('Записатися на прийом');
  });

  it('fills placeholders in every language', () => {
    for (const lang of languages) expect(t(lang, 'checkin.code', { code: 'AB12' })).toContain('AB12');
  });
});

describe('message catalogues', () => {
  it('has a catalogue for every language the product offers', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...languages].sort());
  });

  // Types catch a missing key at build time; this also catches one smuggled in through a cast.
  it.each(languages)('%s has every key of the German catalogue, no extra one, none empty', (lang) => {
    const catalogue = catalogues[lang];
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(de).sort());
    for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), key).not.toBe('');
  });

  it.each(languages)('%s keeps every placeholder of the German text', (lang) => {
    for (const [key, text] of Object.entries(de)) {
      expect(placeholders(catalogues[lang][key as keyof typeof de]), `${lang} ${key}`).toEqual(placeholders(text));
    }
  });

  it.each(languages.filter((l) => l !== 'de'))('%s is a translation, not a copy of German', (lang) => {
    const untouched = Object.entries(de)
      .filter(([key]) => !isStaffOnlyKey(key))
      .filter(([key, text]) => catalogues[lang][key as keyof typeof de] === text && !/^[\w|{}:. -]*$/.test(text));
    expect(untouched.map(([key]) => key)).toEqual([]);
  });
});
