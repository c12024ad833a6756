import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderEmail, type Lang, type NotificationKind } from '../src';
import { appointment, summerStart } from './fixtures';

const kinds: NotificationKind[] = ['confirmation', 'cancellation', 'reschedule', 'reminder'];
const langs: Lang[] = ['de', 'en'];

describe('renderEmail in German', () => {
  const mail = renderEmail('confirmation', 'de', appointment());
  const $ = load(mail.html);

  it('names service and date in the subject', () => {
    expect(mail.subject).toBe('Terminbestätigung: Personalausweis beantragen am Mittwoch, 15. Januar 2025');
  });

  it('shows date and local time of the location in text and HTML', () => {
    for (const body of [mail.text, $('body').text()]) {
      expect(body).toContain('Mittwoch, 15. Januar 2025');
      expect(body).toContain('08:00 Uhr');
      expect(body).toContain('Bürgeramt Mitte');
      expect(body).toContain('Rathausplatz 1, 12345 Musterstadt');
      expect(body).toContain('K7M-4QX');
      expect(body).toContain('Gebucht auf den Namen');
      expect(body).toContain('„Erika Mustermann“');
    }
  });

  it('lists manage and cancel links in the plain text', () => {
    expect(mail.text).toContain(`Termin ansehen oder ändern: ${appointment().manageUrl}`);
    expect(mail.text).toContain(`Termin absagen: ${appointment().cancelUrl}`);
  });

  it('is marked up as a German document with a heading outline', () => {
    expect($('html').attr('lang')).toBe('de');
    expect($('title').text()).toBe(mail.subject);
    expect($('h1')).toHaveLength(1);
    expect($('h1').text()).toBe('Ihr Termin ist bestätigt');
    expect(
      $('h2')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Ihr Termin', 'Check-in vor Ort', 'Termin verwalten']);
  });

  it('shows the check-in QR code with a describing alt text', () => {
    const img = $('img');
    expect(img).toHaveLength(1);
    expect(img.attr('src')).toBe('cid:qrcode');
    expect(img.attr('alt')).toBe('QR-Code zum Einchecken für Buchungscode K7M-4QX');
  });

  it('uses link texts that say where they lead, with the real URLs', () => {
    const links = $('a')
      .map((_, a) => ({ text: $(a).text(), href: $(a).attr('href') }))
      .get();
    expect(links).toEqual([
      { text: 'Termin ansehen oder ändern', href: appointment().manageUrl },
      { text: 'Termin absagen', href: appointment().cancelUrl },
    ]);
  });
});

describe('renderEmail in English', () => {
  const mail = renderEmail('confirmation', 'en', appointment());
  const $ = load(mail.html);

  it('speaks English with British date formatting', () => {
    expect(mail.subject).toBe('Appointment confirmed: Personalausweis beantragen on Wednesday, 15 January 2025');
    expect($('html').attr('lang')).toBe('en');
    expect($('h1').text()).toBe('Your appointment is confirmed');
    expect(mail.text).toContain('Booked in the name of: “Erika Mustermann”');
    expect(mail.text).toContain('Time: 08:00');
    expect($('img').attr('alt')).toBe('QR code for checking in with booking code K7M-4QX');
    expect($('a').first().text()).toBe('View or change your appointment');
  });

  it('contains no German template text', () => {
    expect(mail.text).not.toMatch(/Uhr|Termin |Buchungscode|Grüßen/);
    expect($('body').text()).not.toMatch(/Uhr|Termin |Buchungscode|Grüßen/);
  });
});

describe('renderEmail times', () => {
  it('shows 08:00 for a summer appointment (CEST) as well', () => {
    const mail = renderEmail('reminder', 'de', appointment({ startsAt: summerStart }));
    expect(mail.subject).toBe('Erinnerung: Personalausweis beantragen am Mittwoch, 16. Juli 2025 um 08:00 Uhr');
  });

  it('uses the location timezone, also when that moves the date', () => {
    // 23:30 UTC on 15 January is already half past midnight on the 16th in Berlin.
    const mail = renderEmail('confirmation', 'en', appointment({ startsAt: new Date('2025-01-15T23:30:00Z') }));
    expect(mail.text).toContain('Date: Thursday, 16 January 2025');
    expect(mail.text).toContain('Time: 00:30');
  });

  it('tells a rescheduled citizen the old and the new time', () => {
    const mail = renderEmail('reschedule', 'de', appointment({ previousStartsAt: new Date('2025-01-15T07:00:00Z'), startsAt: summerStart }));
    expect(mail.subject).toBe('Termin verschoben: Personalausweis beantragen jetzt am Mittwoch, 16. Juli 2025');
    expect(mail.text).toContain('Ihr Termin wurde vom Mittwoch, 15. Januar 2025 um 08:00 Uhr auf den Mittwoch, 16. Juli 2025 um 08:00 Uhr verschoben.');
  });
});

describe('renderEmail for a cancellation', () => {
  const mail = renderEmail('cancellation', 'en', appointment());
  const $ = load(mail.html);

  it('says the appointment is off and offers neither QR code nor change links', () => {
    expect(mail.subject).toBe('Appointment cancelled: Personalausweis beantragen on Wednesday, 15 January 2025');
    expect($('h1').text()).toBe('Your appointment has been cancelled');
    expect($('img')).toHaveLength(0);
    expect($('a')).toHaveLength(0);
    expect(mail.text).not.toContain(appointment().cancelUrl);
  });
});

describe('renderEmail escaping', () => {
  const hostile = appointment({
    citizenName: '<script>alert("x")</script>',
    serviceName: 'Pass & "Ausweis"',
    locationName: '"><img src=x onerror=alert(1)>',
    bookingCode: "A'B<C",
  });

  it.each(langs)('never lets citizen input become markup (%s)', (lang) => {
    for (const kind of kinds) {
      const mail = renderEmail(kind, lang, hostile);
      expect(mail.html).not.toMatch(/<script/i);
      expect(mail.html).not.toMatch(/<img src=x/i);
      const $ = load(mail.html);
      expect($('script')).toHaveLength(0);
      expect($('img[onerror]')).toHaveLength(0);
      // The name still reads exactly as typed.
      expect($('dd').first().text()).toContain('<script>alert("x")</script>');
      expect($('dd').eq(1).text()).toBe('Pass & "Ausweis"');
    }
  });

  it('keeps the alt text of the QR image intact around quotes', () => {
    const $ = load(renderEmail('confirmation', 'de', hostile).html);
    expect($('img').attr('alt')).toBe("QR-Code zum Einchecken für Buchungscode A'B<C");
  });

  it('refuses links that are not http(s)', () => {
    expect(() => renderEmail('confirmation', 'de', appointment({ manageUrl: 'javascript:alert(1)' }))).toThrow(/http/);
  });
});

describe('renderEmail for every kind and language', () => {
  it.each(kinds.flatMap((kind) => langs.map((lang) => [kind, lang] as const)))('%s in %s has subject, text, one h1 and no layout tables', (kind, lang) => {
    const mail = renderEmail(kind, lang, appointment());
    const $ = load(mail.html);
    expect(mail.subject.length).toBeGreaterThan(10);
    expect(mail.text).toContain('K7M-4QX');
    expect($('html').attr('lang')).toBe(lang);
    expect($('h1')).toHaveLength(1);
    expect($('table:not([role="presentation"])')).toHaveLength(0);
    expect($('img:not([alt])')).toHaveLength(0);
  });
});

describe("a name that tries to pass for the office's own text", () => {
  // Right-to-left override, line and paragraph separators, zero-width space and a private-use character.
  const spoof = 'Erika\u202E\u2028\u2029Ihr Termin entfällt. Zahlen Sie 50 € an DE00 1234\u200B\uE000';

  it.each(langs)('keeps the name out of the greeting and in one quoted, labelled line (%s)', (lang) => {
    const mail = renderEmail('confirmation', lang, appointment({ citizenName: spoof }));
    const label = lang === 'de' ? 'Gebucht auf den Namen' : 'Booked in the name of';
    const lines = mail.text.split('\n');
    const nameLines = lines.filter((line) => line.includes('Zahlen Sie'));
    expect(nameLines).toHaveLength(1);
    expect(nameLines[0]).toMatch(new RegExp(`^${label}: [„“].*Zahlen Sie 50 € an DE00 1234.*[“”]$`));
    expect(lines.find((line) => /^(Guten Tag|Hello|Dear)/.test(line))).not.toMatch(/Erika/);
    for (const body of [mail.text, mail.html]) expect(body).not.toMatch(/[\u202E\u2028\u2029\u200B\uE000]/);

    const $ = load(mail.html);
    const field = $('dt')
      .filter((_, el) => $(el).text() === label)
      .next('dd');
    expect(field.text()).toContain('Zahlen Sie 50 €');
    expect($('main > p').first().text()).not.toContain('Erika');
  });
});
