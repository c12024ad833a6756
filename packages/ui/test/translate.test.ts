import { describe, expect, it } from 'vitest';
import { de } from '../src/i18n/de';
import { en } from '../src/i18n/en';
import { t } from '../src/i18n';

describe('t', () => {
  it('returns the text in the requested language', () => {
    expect(t('de', 'citizen.title')).toBe('Termin buchen');
    expect(t('en', 'citizen.title')).toBe('Book an appointment');
  });

  it('has an English text for every German one, none left empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const text of [...Object.values(de), ...Object.values(en)]) expect(text.trim()).not.toBe('');
  });
});
