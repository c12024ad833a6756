import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { gsmLength, isGsm, renderEmail, renderSms, type NotificationKind } from '../src';
import { messagesFor } from '../src/i18n';
import { appointment } from './fixtures';

const kinds: NotificationKind[] = ['confirmation', 'cancellation', 'reschedule', 'reminder'];

describe('e-mails in Turkish, Arabic and Ukrainian', () => {
  it('writes an Arabic e-mail right to left, in Arabic, with the location time in western digits', () => {
    const mail = renderEmail('confirmation', 'ar', appointment());
    const $ = load(mail.html);
    expect($('html').attr('lang')).toBe('ar');
    expect($('html').attr('dir')).toBe('rtl');
    expect($('h1').text()).toBe('تم تأكيد موعدك');
    expect(mail.subject).toMatch(/^تأكيد الموعد: /);
    // 08:00 in Berlin on 15 January, in the Arabic month name.
    expect(mail.text).toContain('08:00');
    expect(mail.text).toContain('يناير');
    expect(mail.text).toContain('K7M-4QX');
  });

  it('writes Turkish and Ukrainian e-mails left to right in their own language and date format', () => {
    const turkish = renderEmail('reminder', 'tr', appointment());
    expect(load(turkish.html)('html').attr('dir')).toBe('ltr');
    expect(turkish.subject).toBe('Hatırlatma: Personalausweis beantragen, 15 Ocak 2025 Çarşamba saat 08:00');
    const ukrainian = renderEmail('cancellation', 'uk', appointment());
    expect(load(ukrainian.html)('html').attr('lang')).toBe('uk');
    expect(ukrainian.text).toContain('Ваш прийом');
    expect(ukrainian.text).toContain('15 січня 2025');
  });

  it('falls back to English, then German, for a language without texts', () => {
    expect(messagesFor('fr').detailsHeading).toBe('Your appointment');
  });
});

describe('SMS in Turkish, Arabic and Ukrainian', () => {
  it.each(kinds)('a Turkish %s stays in one GSM segment, dotless i included', (kind) => {
    const sms = renderSms(kind, 'tr', appointment({ locationName: 'Kırşehir Bürgeramt' }));
    expect(isGsm(sms)).toBe(true);
    expect(gsmLength(sms)).toBeLessThanOrEqual(160);
    expect(sms).toContain('Kirsehir');
    expect(sms).toContain('K7M-4QX');
  });

  it.each(kinds.flatMap((kind) => (['ar', 'uk'] as const).map((lang) => [kind, lang] as const)))(
    '%s in %s keeps its script and fits two UCS-2 segments',
    (kind, lang) => {
      const sms = renderSms(kind, lang, appointment());
      expect(sms).not.toContain('?');
      expect(sms).toMatch(lang === 'ar' ? /\p{Script=Arabic}/u : /\p{Script=Cyrillic}/u);
      expect(sms.length).toBeLessThanOrEqual(134);
      expect(sms).toContain('08:00');
      expect(sms).toContain('K7M-4QX');
    },
  );
});
