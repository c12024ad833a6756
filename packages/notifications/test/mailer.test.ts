import ICAL from 'ical.js';
import type { Attachment, ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMessage, citizenLinks, createMailer, DeliveryError, type Mailer } from '../src';
import { startSmtpSink, type SmtpSink } from '../src/testing/smtp-sink';
import { decodeQrPng } from './decode-qr';
import { appointment, winterStart } from './fixtures';

const citizen = 'erika.mustermann@example.org';
const qrTarget = citizenLinks('https://termine.example.org', 'K7M-4QX').checkin;
const calendar = {
  uid: 'appt-42@termin',
  sequence: 0,
  endsAt: new Date(winterStart.getTime() + 20 * 60_000),
  organizer: { name: 'Stadt Musterstadt', email: 'termine@musterstadt.example' },
};

let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({
    host: '127.0.0.1',
    port: sink.port,
    secure: false,
    user: 'relay',
    pass: 'relay-secret',
    from: '"Stadt Musterstadt" <termine@musterstadt.example>',
  });
});

afterAll(async () => {
  mailer.close();
  await sink.close();
});

beforeEach(() => {
  sink.messages.length = 0;
  sink.setReject(null);
});

function attachment(mail: ParsedMail, contentType: string): Attachment {
  const found = mail.attachments.find((a) => a.contentType === contentType);
  if (!found) throw new Error(`no ${contentType} attachment`);
  return found;
}

function contentTypeParams(a: Attachment): Record<string, string> {
  return (a.headers.get('content-type') as { params: Record<string, string> }).params;
}

describe('confirmation e-mail through a real SMTP server', () => {
  it('arrives in German with text, HTML, calendar invite and inline QR code', async () => {
    const message = await buildMessage({
      kind: 'confirmation',
      lang: 'de',
      to: citizen,
      data: appointment(),
      calendar,
      checkinUrl: qrTarget,
    });
    await mailer.send(message);

    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.subject).toBe('Terminbestätigung: Personalausweis beantragen am Mittwoch, 15. Januar 2025');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(citizen);
    expect(mail.from?.text).toBe('"Stadt Musterstadt" <termine@musterstadt.example>');
    expect(mail.text).toContain('Uhrzeit: 08:00 Uhr');
    expect(mail.html).toContain('<html lang="de"');
    expect(mail.html).toContain('Ihr Termin ist bestätigt');

    const ics = attachment(mail, 'text/calendar');
    expect(ics.filename).toBe('termin.ics');
    expect(contentTypeParams(ics).method).toBe('REQUEST');
    const vcalendar = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
    expect(vcalendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = vcalendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe('appt-42@termin');
    expect(vevent.getFirstPropertyValue('summary')).toBe('Termin: Personalausweis beantragen');
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    expect((vevent.getFirstPropertyValue('dtstart') as ICAL.Time).hour).toBe(8);

    const qr = attachment(mail, 'image/png');
    expect(qr.contentId).toBe('<qrcode>');
    expect(qr.related).toBe(true);
    expect(qr.contentDisposition).toBe('inline');
    expect(decodeQrPng(qr.content)).toBe(qrTarget);
  });

  it('arrives in English with an English invite', async () => {
    await mailer.send(await buildMessage({ kind: 'confirmation', lang: 'en', to: citizen, data: appointment(), calendar, checkinUrl: qrTarget }));
    const mail = sink.messages[0]!;
    expect(mail.subject).toBe('Appointment confirmed: Personalausweis beantragen on Wednesday, 15 January 2025');
    expect(mail.html).toContain('<html lang="en"');
    expect(mail.text).toContain('Time: 08:00');
    const ics = attachment(mail, 'text/calendar');
    expect(ics.filename).toBe('appointment.ics');
    const vevent = new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe('Appointment: Personalausweis beantragen');
  });

  it('delivers hostile citizen input as harmless text', async () => {
    const data = appointment({ citizenName: '<script>alert(1)</script>' });
    await mailer.send(await buildMessage({ kind: 'confirmation', lang: 'de', to: citizen, data, calendar, checkinUrl: qrTarget }));
    const mail = sink.messages[0]!;
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.text).toContain('Gebucht auf den Namen: „<script>alert(1)</script>“');
  });
});

describe('other appointment e-mails', () => {
  it('sends a cancellation as a calendar CANCEL without a QR code', async () => {
    await mailer.send(
      await buildMessage({
        kind: 'cancellation',
        lang: 'de',
        to: citizen,
        data: appointment(),
        calendar: { ...calendar, sequence: 1 },
      }),
    );
    const mail = sink.messages[0]!;
    expect(mail.subject).toMatch(/^Termin abgesagt:/);
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['text/calendar']);
    const ics = attachment(mail, 'text/calendar');
    expect(contentTypeParams(ics).method).toBe('CANCEL');
    const vcalendar = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
    expect(vcalendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = vcalendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
  });

  it('sends a reminder with QR code and without touching the calendar', async () => {
    await mailer.send(await buildMessage({ kind: 'reminder', lang: 'en', to: citizen, data: appointment(), checkinUrl: qrTarget }));
    const mail = sink.messages[0]!;
    expect(mail.subject).toBe('Reminder: Personalausweis beantragen on Wednesday, 15 January 2025 at 08:00');
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['image/png']);
  });

  it('refuses to build a mail that would show a broken QR image', async () => {
    await expect(buildMessage({ kind: 'confirmation', lang: 'de', to: citizen, data: appointment(), calendar })).rejects.toThrow(/check-in URL/);
  });
});

describe('delivery failures', () => {
  async function failure(): Promise<DeliveryError> {
    const message = await buildMessage({
      kind: 'confirmation',
      lang: 'de',
      to: citizen,
      data: appointment(),
      calendar,
      checkinUrl: qrTarget,
    });
    const error = await mailer.send(message).then(
      () => {
        throw new Error('expected the mail to be refused');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    const delivery = error as DeliveryError;
    expect(`${delivery.message} ${delivery.reason}`).not.toContain('erika');
    return delivery;
  }

  it('reports a permanent rejection with its SMTP code only', async () => {
    sink.setReject({ code: 550, message: `5.1.1 <${citizen}>: Recipient address rejected` });
    const error = await failure();
    expect(error.status).toBe(550);
    expect(error.reason).toBe('SMTP 550');
    expect(error.retryable).toBe(false);
    expect(sink.messages).toHaveLength(0);
  });

  it('marks a temporary rejection as retryable', async () => {
    sink.setReject({ code: 451, message: `4.7.1 <${citizen}>: Greylisted, try again later` });
    const error = await failure();
    expect(error.status).toBe(451);
    expect(error.retryable).toBe(true);
  });

  it('reports an unreachable server as a retryable connection error', async () => {
    const down = await startSmtpSink();
    const port = down.port;
    await down.close();
    const unreachable = createMailer({ host: '127.0.0.1', port, secure: false, from: 'termine@musterstadt.example' });
    try {
      const message = await buildMessage({ kind: 'reminder', lang: 'de', to: citizen, data: appointment(), checkinUrl: qrTarget });
      const error = await unreachable.send(message).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).status).toBeNull();
      expect((error as DeliveryError).reason).toBe('SMTP ESOCKET');
      expect((error as DeliveryError).retryable).toBe(true);
    } finally {
      unreachable.close();
    }
  });
});
