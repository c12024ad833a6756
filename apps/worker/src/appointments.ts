import { sqlPool, type AppointmentStatus, type Db, type Language } from '@termin/db';
import type { NotificationKindName } from '@termin/jobs';

/** What the worker's jobs read of an appointment, its location, service and tenant. */
export interface LoadedAppointment {
  id: string;
  tenantId: string;
  locationId: string;
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  bookingCode: string;
  citizenName: string | null;
  citizenEmail: string | null;
  citizenPhone: string | null;
  smsOptIn: boolean;
  language: Language;
  anonymisedAt: Date | null;
  location: { name: string; address: string; timezone: string };
  service: { nameDe: string; nameEn: string; documentsDe: string | null; documentsEn: string | null };
  tenant: { id: string; timezone: string; reminderOffsetMinutes: number; smsCountryCodes: string[]; smsDailyBudget: number };
}

// One statement on the pool instead of Prisma's include (a query per relation, each through the
// client): every confirmation and every e-mail reads this (apps/worker/BENCHMARK.md).
const SELECT = `
  SELECT a.id, a."tenantId", a."locationId", a.status, a."startsAt", a."endsAt", a.sequence, a."bookingCode",
         a."citizenName", a."citizenEmail", a."citizenPhone", a."smsOptIn", a.language, a."anonymisedAt",
         l.name AS "locationName", l.address AS "locationAddress", l.timezone AS "locationTimezone",
         s."nameDe", s."nameEn", s."documentsDe", s."documentsEn",
         t.timezone AS "tenantTimezone", t."reminderOffsetMinutes", t."smsCountryCodes", t."smsDailyBudget"
  FROM "Appointment" a
  JOIN "Location" l ON l.id = a."locationId"
  JOIN "Service" s ON s.id = a."serviceId"
  JOIN "Tenant" t ON t.id = a."tenantId"`;
const LOAD = `${SELECT} WHERE a.id = $1`;
const LOAD_MANY = `${SELECT} WHERE a.id = ANY($1::uuid[])`;

type Row = Omit<LoadedAppointment, 'location' | 'service' | 'tenant'> & {
  locationName: string;
  locationAddress: string;
  locationTimezone: string;
  nameDe: string;
  nameEn: string;
  documentsDe: string | null;
  documentsEn: string | null;
  tenantTimezone: string;
  reminderOffsetMinutes: number;
  smsCountryCodes: string[];
  smsDailyBudget: number;
};

export async function loadAppointment(db: Db, appointmentId: string): Promise<LoadedAppointment | null> {
  const { rows } = await sqlPool(db).query<Row>({ name: 'worker-load-appointment', text: LOAD, values: [appointmentId] });
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The appointments among `appointmentIds` that exist, in one statement (a confirm job's run of bookings). */
export async function loadAppointments(db: Db, appointmentIds: readonly string[]): Promise<LoadedAppointment[]> {
  const { rows } = await sqlPool(db).query<Row>({ name: 'worker-load-appointments', text: LOAD_MANY, values: [appointmentIds] });
  return rows.map(fromRow);
}

function fromRow(row: Row): LoadedAppointment {
  const {
    locationName,
    locationAddress,
    locationTimezone,
    nameDe,
    nameEn,
    documentsDe,
    documentsEn,
    tenantTimezone,
    reminderOffsetMinutes,
    smsCountryCodes,
    smsDailyBudget,
    ...appointment
  } = row;
  return {
    ...appointment,
    location: { name: locationName, address: locationAddress, timezone: locationTimezone },
    service: { nameDe, nameEn, documentsDe, documentsEn },
    tenant: { id: appointment.tenantId, timezone: tenantTimezone, reminderOffsetMinutes, smsCountryCodes, smsDailyBudget },
  };
}

/**
 * Whether a message of `kind` about version `sequence` still tells the truth. Jobs can run late
 * (retries, reminders days ahead), so each checks the current row instead of trusting its payload.
 */
export function messageStillApplies(kind: NotificationKindName, appointment: LoadedAppointment, sequence: number): boolean {
  if (appointment.anonymisedAt) return false;
  switch (kind) {
    case 'cancellation':
      return appointment.status === 'CANCELLED';
    case 'reminder':
      return appointment.status === 'CONFIRMED' && appointment.sequence === sequence;
    case 'confirmation':
    case 'reschedule':
      return (appointment.status === 'CONFIRMED' || appointment.status === 'CHECKED_IN') && appointment.sequence === sequence;
  }
}
