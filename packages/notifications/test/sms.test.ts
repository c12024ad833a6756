import { describe, expect, it } from 'vitest';
import { gsmLength, isGsm, renderSms, toGsm, type Lang, type NotificationKind } from '../src';
import { appointment, summerStart } from './fixtures';

const kinds: NotificationKind[] = ['confirmation', 'cancellation', 'reschedule', 'reminder'];
const langs: Lang[] = ['de', 'en'];

describe('renderSms', () => {
  it('confirms in German with date, local time, place and code', () => {
    expect(renderSms('confirmation', 'de', appointment())).toBe(
      'Termin bestätigt: Mi., 15.01.2025, 08:00 Uhr, Bürgeramt Mitte, Rathausplatz 1, 12345 Musterstadt. Buchungscode: K7M-4QX',
    );
  });

  it('reminds in English at local summer time', () => {
    expect(renderSms('reminder', 'en', appointment({ startsAt: summerStart }))).toBe(
      'Reminder: appointment Wed, 16/07/2025, 08:00, Bürgeramt Mitte, Rathausplatz 1, 12345 Musterstadt. Booking code: K7M-4QX',
    );
  });

  it.each(kinds.flatMap((kind) => langs.map((lang) => [kind, lang] as const)))('%s in %s fits one GSM segment', (kind, lang) => {
    const sms = renderSms(kind, lang, appointment());
    expect(isGsm(sms)).toBe(true);
    expect(gsmLength(sms)).toBeLessThanOrEqual(160);
    expect(sms).toContain('K7M-4QX');
    expect(sms).toContain('08:00');
  });

  it('says clearly that a cancelled appointment is off', () => {
    expect(renderSms('cancellation', 'de', appointment())).toMatch(/^Termin abgesagt: Mi\., 15\.01\.2025, 08:00 Uhr/);
    expect(renderSms('cancellation', 'en', appointment())).toMatch(/^Appointment cancelled: Wed, 15\/01\/2025, 08:00/);
  });

  it('drops the address before anything essential when the place is long', () => {
    const sms = renderSms(
      'confirmation',
      'de',
      appointment({
        locationName: 'Bürgerservice im Technischen Rathaus',
        locationAddress: 'Kaiser-Friedrich-Ring 123, Eingang B, 2. Obergeschoss, 65185 Wiesbaden-Innenstadt',
      }),
    );
    expect(sms).toBe('Termin bestätigt: Mi., 15.01.2025, 08:00 Uhr, Bürgerservice im Technischen Rathaus. Buchungscode: K7M-4QX');
  });

  it('shortens an overlong location name but keeps date, time and code', () => {
    const sms = renderSms('reschedule', 'en', appointment({ locationName: 'Very long office name '.repeat(10) }));
    expect(gsmLength(sms)).toBeLessThanOrEqual(160);
    expect(sms).toMatch(/^Appointment moved to Wed, 15\/01\/2025, 08:00, Very long office name/);
    expect(sms).toMatch(/\. Booking code: K7M-4QX$/);
  });

  it('keeps German umlauts but replaces characters that would force UCS-2', () => {
    const sms = renderSms('confirmation', 'de', appointment({ locationName: 'Bürgerbüro „Süd“ – Zoë’s Haus', locationAddress: 'Łódź-Straße 1' }));
    expect(isGsm(sms)).toBe(true);
    expect(sms).toContain('Bürgerbüro "Süd" - Zoe\'s Haus, ?odz-Straße 1');
  });
});

describe('toGsm', () => {
  it('leaves text already in the GSM alphabet alone', () => {
    expect(toGsm('Öffnungszeiten: Mo-Fr 8-12 Uhr, Gebühr 37€ (ÄÖÜäöüß)')).toBe('Öffnungszeiten: Mo-Fr 8-12 Uhr, Gebühr 37€ (ÄÖÜäöüß)');
  });

  it('counts extension characters twice', () => {
    expect(gsmLength('37€')).toBe(4);
  });
});
