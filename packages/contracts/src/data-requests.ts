import { z } from 'zod';
import { appointmentStatus } from './appointment-status';
import { languages } from './language';
import { bookingEmail } from './manage-booking';

/*
 * Data-protection requests of citizens (DSGVO Art. 15 access, Art. 17 erasure), handled by an admin
 * of the municipality: find the person by a booking code or by their e-mail address, see and export
 * everything stored about them, erase it. The e-mail address only ever travels in a POST body.
 */

const instant = z.iso.datetime({ offset: true });

/** Whom the request is about: one of their booking codes, or the e-mail address they booked with. */
export const dataSubjectQuery = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('email'), email: bookingEmail }),
  z.strictObject({ by: z.literal('bookingCode'), bookingCode: z.string().trim().min(1).max(40) }),
]);
export type DataSubjectQuery = z.infer<typeof dataSubjectQuery>;

/** Erasure needs the admin's explicit confirmation; without it nothing changes. */
export const dataErasureRequest = z.strictObject({ subject: dataSubjectQuery, confirm: z.literal(true) });
export type DataErasureRequest = z.infer<typeof dataErasureRequest>;

export const dataSubjectNotification = z.object({
  channel: z.enum(['EMAIL', 'SMS']),
  kind: z.string(),
  status: z.enum(['PENDING', 'SENT', 'FAILED']),
  attempts: z.number().int(),
  reason: z.string().nullable(),
  createdAt: instant,
  sentAt: instant.nullable(),
});

export const dataSubjectAppointment = z.object({
  id: z.uuid(),
  bookingCode: z.string(),
  status: appointmentStatus,
  startsAt: instant,
  endsAt: instant,
  /** IANA zone of the office: the times are shown in it. */
  timezone: z.string(),
  location: z.object({ id: z.uuid(), name: z.string(), address: z.string() }),
  service: z.object({ id: z.uuid(), nameDe: z.string(), nameEn: z.string() }),
  citizenName: z.string().nullable(),
  citizenEmail: z.string().nullable(),
  citizenPhone: z.string().nullable(),
  smsOptIn: z.boolean(),
  language: z.enum(languages),
  noShowScore: z.number().int(),
  /** The waiting-room ticket, once the person checked in. */
  ticketNumber: z.string().nullable(),
  bookedAt: instant,
  confirmedAt: instant.nullable(),
  checkedInAt: instant.nullable(),
  cancelledAt: instant.nullable(),
  completedAt: instant.nullable(),
  /** Set when the contact data was erased (retention period or an earlier request). */
  anonymisedAt: instant.nullable(),
  notifications: z.array(dataSubjectNotification),
});

/** Everything the municipality stores about one person (DSGVO Art. 15), as shown and exported. */
export const dataSubjectReport = z.object({
  generatedAt: instant,
  municipality: z.object({ name: z.string(), dataRetentionDays: z.number().int(), timezone: z.string() }),
  /** The distinct names, addresses and phone numbers the person booked with. */
  contact: z.object({ names: z.array(z.string()), emails: z.array(z.string()), phones: z.array(z.string()) }),
  appointments: z.array(dataSubjectAppointment),
  /** The per-person counters behind booking limits and the no-show score; null if none are kept. */
  contactHistory: z.object({ appointments: z.number().int(), noShows: z.number().int(), lastSeenAt: instant }).nullable(),
  /** Whether erasure is possible now: not while an appointment is still ahead. */
  openAppointments: z.number().int(),
});
export type DataSubjectReport = z.infer<typeof dataSubjectReport>;

/** What an erasure did: counts only. */
export const dataErasureResponse = z.object({
  anonymisedAppointments: z.number().int(),
  deletedNotifications: z.number().int(),
  forgottenContacts: z.number().int(),
});
export type DataErasureResponse = z.infer<typeof dataErasureResponse>;

/** The nightly retention job's recent runs in the admin's municipality, counts only. */
export const retentionRunsResponse = z.object({
  dataRetentionDays: z.number().int(),
  /** The municipality's IANA zone: show the times in it. */
  timezone: z.string(),
  runs: z.array(z.object({ ranAt: instant, anonymisedAppointments: z.number().int(), forgottenContacts: z.number().int() })),
});
export type RetentionRunsResponse = z.infer<typeof retentionRunsResponse>;
