import { recordAudit, type AuditActor, type Db, type Prisma } from '@termin/db';
import type { BackofficeAppointment, StaffBookingBody } from '@termin/contracts';
import { normaliseBookingCode, NotFoundError, startOfLocalDayUtc, localDateOf } from '@termin/domain';
import { availableSlots } from './availability';
import { bookAppointment, type BookingDeps, type BookingView } from './book';
import { cancelHeld } from './cancel';
import { bookingInclude } from './lookup';
import { moveHeld } from './reschedule';

/**
 * The clerk's back office: booking on a citizen's behalf through the same booking service, rules and
 * limits as the citizen's own booking (with the internal places: channel phone or counter), and
 * finding, cancelling and moving the coming appointments of one of the clerk's locations. Each write
 * is audited; the citizen is told through the same outbox events as for their own changes.
 */

/** The signed-in clerk, limited to the locations they work at. */
export interface BackofficeActor extends AuditActor {
  locationIds: readonly string[];
}

export interface BackofficeDeps extends BookingDeps {
  db: Db;
}

/** The location, if it is one of the actor's (else 404, as if it did not exist). */
async function ownLocation(db: Db, actor: BackofficeActor, locationId: string) {
  const location = actor.locationIds.includes(locationId)
    ? await db.location.findFirst({ where: { id: locationId, tenantId: actor.tenantId }, select: { id: true, timezone: true, tenant: { select: { slug: true } } } })
    : null;
  if (!location) throw new NotFoundError('location_not_found');
  return location;
}

/** Free times of a day for staff: the internal places count too. */
export async function backofficeSlots(deps: Pick<BookingDeps, 'db' | 'now'>, actor: BackofficeActor, input: { locationId: string; serviceId: string; date: string }) {
  const location = await ownLocation(deps.db, actor, input.locationId);
  return availableSlots(deps, { tenant: location.tenant.slug, locationId: location.id, serviceId: input.serviceId, date: input.date, audience: 'internal' });
}

/** Books on the citizen's behalf; the confirmation e-mail goes out as usual when an address is given. */
export async function staffBook(deps: BackofficeDeps, actor: BackofficeActor, locationId: string, input: StaffBookingBody): Promise<BookingView> {
  const location = await ownLocation(deps.db, actor, locationId);
  const { booking } = await bookAppointment(deps, {
    tenant: location.tenant.slug,
    locationId,
    serviceId: input.serviceId,
    startsAt: new Date(input.startsAt),
    citizen: { name: input.name, email: input.email, phone: input.phone },
    smsOptIn: input.smsOptIn,
    language: input.language,
    channel: input.channel,
  });
  await recordAudit(deps.db, actor, {
    action: 'appointment.staff_book',
    entityType: 'Appointment',
    entityId: booking.id,
    locationId,
    details: { channel: input.channel, serviceId: input.serviceId },
  });
  return booking;
}

const listed = {
  id: true,
  bookingCode: true,
  status: true,
  channel: true,
  startsAt: true,
  endsAt: true,
  citizenName: true,
  citizenEmail: true,
  service: { select: { id: true, nameDe: true, nameEn: true } },
  location: { select: { timezone: true } },
} satisfies Prisma.AppointmentSelect;

type ListedRow = Prisma.AppointmentGetPayload<{ select: typeof listed }>;

function toBackofficeView(row: ListedRow): BackofficeAppointment {
  return {
    id: row.id,
    bookingCode: row.bookingCode,
    status: row.status,
    channel: row.channel,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    timezone: row.location.timezone,
    service: row.service,
    citizenName: row.citizenName,
    notified: row.citizenEmail !== null,
  };
}

const SEARCH_LIMIT = 50;

/** LIKE's own characters, taken literally in a name search. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Today's and later appointments of the location whose booking code is `q` (with or without its
 * dashes, any case) or whose name contains it; in time order, at most 50.
 */
export async function searchAppointments(deps: Pick<BookingDeps, 'db' | 'now'>, actor: BackofficeActor, input: { locationId: string; q: string }) {
  const location = await ownLocation(deps.db, actor, input.locationId);
  const from = startOfLocalDayUtc(localDateOf(deps.now, location.timezone), location.timezone);
  const code = normaliseBookingCode(input.q);
  const rows = await deps.db.appointment.findMany({
    where: {
      tenantId: actor.tenantId,
      locationId: location.id,
      startsAt: { gte: from },
      anonymisedAt: null,
      OR: [...(code ? [{ bookingCode: code }] : []), { citizenName: { contains: literal(input.q.trim()), mode: 'insensitive' as const } }],
    },
    select: listed,
    orderBy: { startsAt: 'asc' },
    take: SEARCH_LIMIT,
  });
  return { appointments: rows.map(toBackofficeView) };
}

/** An appointment of the location, with what moving it needs; another location's or tenant's is absent. */
async function ownAppointment(db: Db, actor: BackofficeActor, locationId: string, appointmentId: string) {
  await ownLocation(db, actor, locationId);
  const row = await db.appointment.findFirst({ where: { id: appointmentId, tenantId: actor.tenantId, locationId, anonymisedAt: null }, include: bookingInclude });
  if (!row) throw new NotFoundError('backoffice_appointment_not_found');
  return row;
}

async function viewOf(db: Db, appointmentId: string) {
  return toBackofficeView(await db.appointment.findUniqueOrThrow({ where: { id: appointmentId }, select: listed }));
}

/** Cancels on the citizen's behalf (no citizen deadline for staff); the citizen gets the usual cancellation e-mail. */
export async function staffCancel(deps: Pick<BookingDeps, 'db' | 'now'>, actor: BackofficeActor, input: { locationId: string; appointmentId: string }) {
  const booking = await ownAppointment(deps.db, actor, input.locationId, input.appointmentId);
  await cancelHeld(deps, booking, {
    deadlineMinutes: null,
    also: (tx) => recordAudit(tx, actor, { action: 'appointment.staff_cancel', entityType: 'Appointment', entityId: booking.id, locationId: input.locationId }),
  });
  return viewOf(deps.db, booking.id);
}

/** Moves on the citizen's behalf through the lifecycle; the citizen gets the usual e-mail with the new time. */
export async function staffReschedule(
  deps: Pick<BookingDeps, 'db' | 'now'>,
  actor: BackofficeActor,
  input: { locationId: string; appointmentId: string; startsAt: Date },
) {
  const booking = await ownAppointment(deps.db, actor, input.locationId, input.appointmentId);
  await moveHeld(deps, booking, input.startsAt, {
    deadlineMinutes: null,
    also: (tx) =>
      recordAudit(tx, actor, {
        action: 'appointment.staff_reschedule',
        entityType: 'Appointment',
        entityId: booking.id,
        locationId: input.locationId,
        details: { from: booking.startsAt.toISOString(), to: input.startsAt.toISOString() },
      }),
  });
  return viewOf(deps.db, booking.id);
}
