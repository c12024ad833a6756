import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarFile, calendarUid } from '../src';
import { buildAppointmentIcs, type AppointmentIcsInput } from '../src/ics';
import { summerStart, winterStart } from './fixtures';

function input(overrides: Partial<AppointmentIcsInput> = {}): AppointmentIcsInput {
  return {
    uid: 'appt-42@termin',
    sequence: 0,
    method: 'REQUEST',
    startsAt: winterStart,
    endsAt: new Date(winterStart.getTime() + 20 * 60_000),
    timezone: 'Europe/Berlin',
    summary: 'Termin: Personalausweis beantragen',
    location: { name: 'Bürgeramt Mitte', address: 'Rathausplatz 1, 12345 Musterstadt' },
    description: 'Buchungscode: K7M-4QX',
    url: 'https://termine.example.org/buchung/K7M-4QX',
    organizer: { name: 'Stadt Musterstadt', email: 'termine@musterstadt.example' },
    ...overrides,
  };
}

/** Parses like a calendar client would, resolving TZIDs through the file's own VTIMEZONE. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const zones = new Map<string, ICAL.Timezone>();
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(vtimezone);
    zones.set(zone.tzid, zone);
  }
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const time = (name: string) => {
    const prop = vevent.getFirstProperty(name);
    const value = prop?.getFirstValue() as ICAL.Time;
    const tzid = prop?.getParameter('tzid') as string | undefined;
    const zone = tzid ? zones.get(tzid) : undefined;
    if (tzid && !zone) throw new Error(`TZID ${tzid} has no VTIMEZONE`);
    if (zone) value.zone = zone;
    return { tzid, local: value, instant: value.toJSDate() };
  };
  return { calendar, vevent, time, zones };
}

describe('buildAppointmentIcs', () => {
  it('puts a winter appointment at 08:00 Berlin time with a matching VTIMEZONE', () => {
    const { time, zones } = parse(buildAppointmentIcs(input()));
    const start = time('dtstart');
    expect(start.tzid).toBe('Europe/Berlin');
    expect([start.local.hour, start.local.minute]).toEqual([8, 0]);
    expect(start.instant.toISOString()).toBe(winterStart.toISOString());
    expect(time('dtend').instant.toISOString()).toBe('2025-01-15T07:20:00.000Z');
    expect([...zones.keys()]).toEqual(['Europe/Berlin']);
  });

  it('puts a summer appointment at 08:00 Berlin time (CEST) too', () => {
    const { time } = parse(buildAppointmentIcs(input({ startsAt: summerStart, endsAt: new Date(summerStart.getTime() + 30 * 60_000) })));
    const start = time('dtstart');
    expect([start.local.hour, start.local.minute]).toEqual([8, 0]);
    expect(start.instant.toISOString()).toBe(summerStart.toISOString());
    expect(time('dtend').local.toString()).toBe('2025-07-16T08:30:00');
  });

  it('writes times of another zone in that zone', () => {
    // 08:00 in New York on 15 Jan 2025 is 13:00 UTC.
    const startsAt = new Date('2025-01-15T13:00:00Z');
    const { time, zones } = parse(buildAppointmentIcs(input({ timezone: 'America/New_York', startsAt, endsAt: new Date(startsAt.getTime() + 600_000) })));
    expect(time('dtstart').tzid).toBe('America/New_York');
    expect(time('dtstart').local.hour).toBe(8);
    expect([...zones.keys()]).toEqual(['America/New_York']);
  });

  it('keeps the UID stable across updates and carries the sequence', () => {
    const first = parse(buildAppointmentIcs(input({ sequence: 0 }))).vevent;
    const moved = parse(buildAppointmentIcs(input({ sequence: 3, startsAt: summerStart, endsAt: summerStart }))).vevent;
    expect(first.getFirstPropertyValue('uid')).toBe('appt-42@termin');
    expect(moved.getFirstPropertyValue('uid')).toBe('appt-42@termin');
    expect(first.getFirstPropertyValue('sequence')).toBe(0);
    expect(moved.getFirstPropertyValue('sequence')).toBe(3);
  });

  it('marks a request as confirmed and carries what the citizen needs', () => {
    const { calendar, vevent } = parse(buildAppointmentIcs(input()));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('summary')).toBe('Termin: Personalausweis beantragen');
    expect(vevent.getFirstPropertyValue('location')).toBe('Bürgeramt Mitte, Rathausplatz 1, 12345 Musterstadt');
    expect(vevent.getFirstPropertyValue('description')).toBe('Buchungscode: K7M-4QX');
    expect(vevent.getFirstPropertyValue('url')).toBe('https://termine.example.org/buchung/K7M-4QX');
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:termine@musterstadt.example');
  });

  it('sends a cancellation as METHOD:CANCEL with STATUS:CANCELLED', () => {
    const { calendar, vevent } = parse(buildAppointmentIcs(input({ method: 'CANCEL', sequence: 1 })));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('uid')).toBe('appt-42@termin');
  });

  it('stamps DTSTAMP in UTC as RFC 5545 requires', () => {
    const ics = buildAppointmentIcs(input());
    expect(ics).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);
  });

  it('works without an organizer', () => {
    const { vevent } = parse(buildAppointmentIcs(input({ organizer: undefined })));
    expect(vevent.getFirstProperty('organizer')).toBeNull();
  });

  it('folds long lines at 75 octets without splitting a character, and a client reads them back whole', () => {
    // Umlauts are two octets, the emoji four (a surrogate pair in JavaScript): counted in characters, lines would pass 75 octets.
    const description = `Buchungscode: K7M-4QX. Bitte mitbringen: Personalausweis, Geburtsurkunde, Meldebescheinigung – ${'Ä'.repeat(60)} 📎 ${'ü'.repeat(40)}`;
    const ics = buildAppointmentIcs(input({ description }));
    const lines = ics.split('\r\n');
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
    expect(parse(ics).vevent.getFirstPropertyValue('description')).toBe(description);
  });

  it('refuses an unknown timezone instead of writing wrong times', () => {
    expect(() => buildAppointmentIcs(input({ timezone: 'Mars/Olympus' }))).toThrow(/timezone/i);
  });
});

describe('calendarFile', () => {
  const appointment = {
    uid: calendarUid('appt-42'),
    sequence: 2,
    startsAt: winterStart,
    endsAt: new Date(winterStart.getTime() + 20 * 60_000),
    timezone: 'Europe/Berlin',
    serviceName: 'Personalausweis beantragen',
    location: { name: 'Bürgeramt Mitte', address: 'Rathausplatz 1' },
    bookingCode: 'K7M-4QX',
    manageUrl: 'https://termine.example.org/manage/K7M-4QX',
  };

  it("writes the entry in the citizen's language with the manage link", () => {
    const file = calendarFile({ ...appointment, lang: 'de', cancelled: false });
    expect(file).toMatchObject({ filename: 'termin.ics', method: 'REQUEST', contentType: 'text/calendar; charset=utf-8; method=REQUEST' });
    const { vevent } = parse(file.content);
    expect(vevent.getFirstPropertyValue('uid')).toBe('appt-42@termin');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
    expect(vevent.getFirstPropertyValue('summary')).toBe('Termin: Personalausweis beantragen');
    expect(vevent.getFirstPropertyValue('description')).toBe('Buchungscode: K7M-4QX\nTermin ansehen, ändern oder absagen: https://termine.example.org/manage/K7M-4QX');
  });

  it('cancels the entry once the appointment is cancelled', () => {
    const file = calendarFile({ ...appointment, lang: 'en', cancelled: true });
    expect(file).toMatchObject({ filename: 'appointment.ics', method: 'CANCEL' });
    const { calendar, vevent } = parse(file.content);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('summary')).toBe('Appointment: Personalausweis beantragen');
  });
});
