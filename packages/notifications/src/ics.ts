import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

export type IcsMethod = 'REQUEST' | 'CANCEL';

export interface AppointmentIcsInput {
  /** Stable across updates of one appointment, e.g. `${appointmentId}@termin`, so calendars replace instead of duplicating. */
  uid: string;
  /** Bumped on every change so calendar clients accept the newer version. */
  sequence: number;
  method: IcsMethod;
  startsAt: Date;
  endsAt: Date;
  /** IANA timezone of the location; times are written as local wall-clock time in this zone. */
  timezone: string;
  summary: string;
  location: { name: string; address: string };
  description: string;
  url: string;
  organizer?: { name: string; email: string };
}

// A zone's VTIMEZONE block is the same text for every message: built once per zone and process.
const vtimezones = new Map<string, string | null>();
function vtimezone(zone: string): string | null {
  if (!vtimezones.has(zone)) vtimezones.set(zone, getVtimezoneComponent(zone));
  return vtimezones.get(zone)!;
}

export function buildAppointmentIcs(input: AppointmentIcsInput): string {
  if (!DateTime.now().setZone(input.timezone).isValid) {
    throw new RangeError(`Unknown timezone: ${input.timezone}`);
  }
  const calendar = new ICalCalendar({
    prodId: { company: 'aitema', product: 'Termin', language: 'DE' },
    method: input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  // The generator adds a VTIMEZONE for the event's zone, so clients show the office's local time
  // even across DST switches. No calendar-wide zone name: ical-generator would then also write
  // DTSTAMP as local time, and RFC 5545 requires DTSTAMP in UTC.
  calendar.timezone({ name: null, generator: vtimezone });

  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    // Luxon zoned values make ical-generator write local time for the TZID instead of
    // relying on the process timezone, which native Date objects would.
    start: DateTime.fromJSDate(input.startsAt, { zone: input.timezone }),
    end: DateTime.fromJSDate(input.endsAt, { zone: input.timezone }),
    timezone: input.timezone,
    summary: input.summary,
    location: `${input.location.name}, ${input.location.address}`,
    description: input.description,
    url: input.url,
    status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer ?? null,
  });

  return calendar.toString();
}
