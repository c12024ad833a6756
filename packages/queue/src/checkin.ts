import type { CheckedInAppointment, QueueEntryView } from '@termin/contracts';
import { ConflictError, DomainError, ForbiddenError, localDateOf, localTimeOf, normaliseBookingCode, NotFoundError } from '@termin/domain';
import { parseOutboxEvent } from '@termin/jobs';
import { transition } from '@termin/booking';
import { recordAudit, TX_OPTIONS } from '@termin/db';
import type { QueueActor, QueueDeps } from './types';
import { dateColumn, nextTicketNumber } from './ticket-sequence';
import { entryInclude, toEntryView } from './views';

export interface CheckInInput {
  /** By id (staff, kiosk: scoped to the actor's tenant) or by the booking code from the QR code (public). */
  appointment: { id: string } | { bookingCode: string };
  /** Where the citizen stands. Checking in for another office is refused. */
  locationId: string;
  /** The clerk or kiosk; null for the citizen's own check-in. */
  actor: QueueActor | null;
}

export interface CheckInResult {
  appointment: CheckedInAppointment;
  entry: QueueEntryView;
}

async function findAppointment(deps: QueueDeps, input: CheckInInput) {
  const select = {
    id: true,
    tenantId: true,
    locationId: true,
    serviceId: true,
    status: true,
    startsAt: true,
    citizenName: true,
    tenant: { select: { checkinEarlyMinutes: true, checkinLateMinutes: true } },
    location: { select: { timezone: true, checkinEarlyMinutes: true, checkinLateMinutes: true } },
    service: { select: { ticketPrefix: true } },
  } as const;
  if ('id' in input.appointment) {
    if (!input.actor) throw new NotFoundError('appointment_not_found');
    return deps.db.appointment.findFirst({ where: { id: input.appointment.id, tenantId: input.actor.tenantId }, select });
  }
  const code = normaliseBookingCode(input.appointment.bookingCode);
  return code ? deps.db.appointment.findUnique({ where: { bookingCode: code }, select }) : null;
}

/**
 * Checks a citizen in: the appointment becomes CHECKED_IN and gets a ticket of today's running
 * number, with the outbox event and (for staff and kiosks) the audit entry in the same transaction.
 * Every refusal is a 4xx that changes nothing; the lifecycle's conditional update makes a second,
 * concurrent check-in of the same appointment fail instead of drawing a second ticket.
 */
export async function checkIn(deps: QueueDeps, input: CheckInInput): Promise<CheckInResult> {
  const { db, now } = deps;
  const appointment = await findAppointment(deps, input);
  if (!appointment) throw new NotFoundError('appointment_not_found');
  if (input.actor && !input.actor.locationIds.includes(input.locationId)) throw new NotFoundError('location_not_found');
  if (appointment.locationId !== input.locationId) throw new ConflictError('checkin_wrong_location');

  // The office's own window where the admin set one, else the municipality's (each edge on its own).
  const early = appointment.location.checkinEarlyMinutes ?? appointment.tenant.checkinEarlyMinutes;
  const late = appointment.location.checkinLateMinutes ?? appointment.tenant.checkinLateMinutes;
  const tz = appointment.location.timezone;
  const localDate = localDateOf(now, tz);
  const result = await db.$transaction(async (tx) => {
    // The lifecycle decides first (a second check-in is checkin_already_done, a cancelled or
    // finished appointment checkin_not_possible); the time window of the row as written (a
    // reschedule may just have moved it) comes after, and its refusal rolls the check-in back.
    const { startsAt, endsAt } = await transition(tx, { appointmentId: appointment.id, step: 'check_in', data: { checkedInAt: now } });
    const opensAt = new Date(startsAt.getTime() - early * 60_000);
    if (now < opensAt) throw new ConflictError('checkin_too_early', { minutes: early, time: localTimeOf(opensAt, tz) });
    if (now.getTime() > startsAt.getTime() + late * 60_000) throw new ConflictError('checkin_too_late', { minutes: late });
    const ticketNumber = await nextTicketNumber(tx, appointment.locationId, localDate, appointment.service.ticketPrefix);
    const entry = await tx.queueEntry.create({
      data: {
        tenantId: appointment.tenantId,
        locationId: appointment.locationId,
        serviceId: appointment.serviceId,
        appointmentId: appointment.id,
        kind: 'APPOINTMENT',
        ticketNumber,
        localDate: dateColumn(localDate),
        checkedInAt: now,
      },
      include: entryInclude,
    });
    await tx.outboxEvent.create({
      data: {
        type: 'appointment.checked_in',
        payload: parseOutboxEvent('appointment.checked_in', { appointmentId: appointment.id, locationId: appointment.locationId, queueEntryId: entry.id }),
      },
    });
    if (input.actor) {
      await recordAudit(tx, input.actor, {
        action: 'appointment.checkin',
        entityType: 'Appointment',
        entityId: appointment.id,
        locationId: appointment.locationId,
        details: { queueEntryId: entry.id, ticketNumber },
      });
    }
    // The row as written: the transition's times (a reschedule may just have moved it), the rest unchanged since the read above.
    const row = { ...appointment, startsAt, endsAt, checkedInAt: now };
    return { row, entry };
  }, TX_OPTIONS);

  await deps.publish?.({ type: 'checked_in', locationId: appointment.locationId, appointmentId: appointment.id, queueEntryId: result.entry.id });
  return { appointment: checkedInView(result.row, result.entry), entry: toEntryView(result.entry) };
}

/** Refusals the public route folds into one answer: each of them would tell a stranger something about the code's appointment. */
const PUBLIC_REFUSALS = new Set([
  'appointment_not_found',
  'checkin_wrong_location',
  'checkin_already_done',
  'checkin_not_possible',
  'checkin_too_early',
  'checkin_too_late',
]);

export interface SelfCheckInInput {
  bookingCode: string;
  /** The office whose entrance QR code the citizen scanned. */
  locationId: string;
}

/**
 * The citizen's own check-in with nothing but the booking code, where the location's municipality
 * allows it (`selfCheckinEnabled`, off by default; a kiosk checks in through its authenticated route).
 * The answer may not tell more than the citizen's check-in page: an unknown code, another office, a
 * time outside the window and a second check-in all get the one `checkin_refused`, so trying a code
 * against every public location reveals neither where nor when its appointment is.
 */
export async function selfCheckIn(deps: QueueDeps, input: SelfCheckInInput): Promise<CheckInResult> {
  const location = await deps.db.location.findFirst({ where: { id: input.locationId, active: true }, select: { tenant: { select: { selfCheckinEnabled: true } } } });
  if (!location) throw new NotFoundError('location_not_found');
  if (!location.tenant.selfCheckinEnabled) throw new ForbiddenError('self_checkin_off');
  try {
    return await checkIn(deps, { appointment: { bookingCode: input.bookingCode }, locationId: input.locationId, actor: null });
  } catch (error) {
    if (error instanceof DomainError && PUBLIC_REFUSALS.has(error.code)) throw new ConflictError('checkin_refused');
    throw error;
  }
}

export function checkedInView(
  row: { id: string; locationId: string; serviceId: string; startsAt: Date; endsAt: Date; checkedInAt: Date | null; citizenName: string | null },
  entry: { id: string; ticketNumber: string },
): CheckedInAppointment {
  return {
    id: row.id,
    locationId: row.locationId,
    serviceId: row.serviceId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: 'CHECKED_IN',
    checkedInAt: (row.checkedInAt ?? new Date()).toISOString(),
    citizenName: row.citizenName,
    ticketNumber: entry.ticketNumber,
    queueEntryId: entry.id,
  };
}

/** A checked-in appointment as staff sockets announce it; null once it moved on (called, done, ...). */
export async function checkedInAppointment(deps: Pick<QueueDeps, 'db'>, appointmentId: string): Promise<CheckedInAppointment | null> {
  const row = await deps.db.appointment.findUnique({ where: { id: appointmentId }, include: { queueEntry: { select: { id: true, ticketNumber: true } } } });
  if (!row?.queueEntry || row.status !== 'CHECKED_IN' || !row.checkedInAt) return null;
  return checkedInView(row, row.queueEntry);
}
