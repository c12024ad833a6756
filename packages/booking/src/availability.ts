import { sqlRows, type Db, type DbOrTx } from '@termin/db';
import { addDaysToLocalDate, localDateOf, localTimeOf, NotFoundError, parseLocalDate, startOfLocalDayUtc, ValidationError } from '@termin/domain';

export interface AvailabilityDeps {
  /** A transaction too: a staff screen may read availability inside the transaction that books. */
  db: DbOrTx;
  now: Date;
}

/** Longest range one day-list request may ask for; the booking horizon is usually shorter anyway. */
export const MAX_AVAILABILITY_RANGE_DAYS = 93;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What a public request needs of its tenant, location and service. */
export interface Offer {
  tenant: { id: string; minLeadMinutes: number; bookingHorizonDays: number; maxBookingsPerContactPerDay: number };
  location: { id: string; tenantId: string; name: string; address: string; timezone: string; slotMinutes: number };
  service: { id: string; nameDe: string; nameEn: string; durationMinutes: number; slotCapacity: number; internalPlaces: number } | null;
}

/** The columns of the offer join (tenant rules, location, service); booking reads them too. */
export interface OfferRow {
  tenantId: string;
  locationId: string;
  serviceId: string;
  minLeadMinutes: number;
  bookingHorizonDays: number;
  maxBookingsPerContactPerDay: number;
  locationName: string;
  address: string;
  timezone: string;
  slotMinutes: number;
  nameDe: string;
  nameEn: string;
  durationMinutes: number;
}

/** The offer row of a request naming its service: with the service's places per slot. */
interface ServiceOfferRow extends OfferRow {
  slotCapacity: number;
  internalPlaces: number;
}

const OFFER = `
  SELECT t.id AS "tenantId", l.id AS "locationId", s.id AS "serviceId", t."minLeadMinutes", t."bookingHorizonDays", t."maxBookingsPerContactPerDay",
         l.name AS "locationName", l.address, l.timezone, l."slotMinutes",
         s."nameDe", s."nameEn", s."durationMinutes", s."slotCapacity", s."internalPlaces"
  FROM "LocationService" ls
  JOIN "Location" l ON l.id = ls."locationId" AND l.active
  JOIN "Tenant" t ON t.id = l."tenantId" AND t.slug = $1
  JOIN "Service" s ON s.id = ls."serviceId" AND s.active AND s."tenantId" = t.id
  WHERE ls."locationId" = $2::uuid AND ls."serviceId" = $3::uuid`;

/** Tenant → location → service of a public request, each refused with its own code. */
export async function resolveOffer(db: DbOrTx, tenantSlug: string, locationId: string, serviceId?: string): Promise<Offer> {
  // Every availability read and booking asks this: one plain query when all is well (the ORM's
  // nested form cost several times the CPU of the rest of a booking), the specific refusal is
  // worked out only on a miss.
  if (serviceId !== undefined) {
    const [row] = await sqlRows<ServiceOfferRow>(db, { name: 'availability-offer', text: OFFER, values: [tenantSlug, locationId, serviceId] });
    if (row) {
      return {
        tenant: {
          id: row.tenantId,
          minLeadMinutes: row.minLeadMinutes,
          bookingHorizonDays: row.bookingHorizonDays,
          maxBookingsPerContactPerDay: row.maxBookingsPerContactPerDay,
        },
        location: { id: row.locationId, tenantId: row.tenantId, name: row.locationName, address: row.address, timezone: row.timezone, slotMinutes: row.slotMinutes },
        service: {
          id: row.serviceId,
          nameDe: row.nameDe,
          nameEn: row.nameEn,
          durationMinutes: row.durationMinutes,
          slotCapacity: row.slotCapacity,
          internalPlaces: row.internalPlaces,
        },
      };
    }
  }
  return resolveOfferStepByStep(db, tenantSlug, locationId, serviceId);
}

/** The specific refusal (unknown tenant, location, service or not offered there), one lookup at a time. */
export async function resolveOfferStepByStep(db: DbOrTx, tenantSlug: string, locationId: string, serviceId?: string): Promise<Offer> {
  const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug } });
  if (!tenant) throw new NotFoundError('tenant_not_found');
  const location = await db.location.findFirst({ where: { id: locationId, tenantId: tenant.id, active: true } });
  if (!location) throw new NotFoundError('location_not_found');
  if (serviceId === undefined) return { tenant, location, service: null };
  const service = await db.service.findFirst({ where: { id: serviceId, tenantId: tenant.id, active: true } });
  if (!service) throw new NotFoundError('service_not_found');
  const offered = await db.locationService.findUnique({ where: { locationId_serviceId: { locationId, serviceId } } });
  if (!offered) throw new NotFoundError('service_not_offered');
  return { tenant, location, service };
}

export async function listPublicLocations(db: Db, tenantSlug: string) {
  const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug }, select: { id: true } });
  if (!tenant) throw new NotFoundError('tenant_not_found');
  return db.location.findMany({
    where: { tenantId: tenant.id, active: true },
    select: { id: true, slug: true, name: true, address: true, timezone: true },
    orderBy: { name: 'asc' },
  });
}

export async function listPublicServices(db: Db, tenantSlug: string, locationId: string) {
  await resolveOffer(db, tenantSlug, locationId);
  return db.service.findMany({
    where: { active: true, locations: { some: { locationId } } },
    select: { id: true, slug: true, nameDe: true, nameEn: true, durationMinutes: true, documentsDe: true, documentsEn: true, documentsEasy: true },
    orderBy: { nameDe: 'asc' },
  });
}

/** How many back-to-back slots a service needs. */
export const slotsNeeded = (durationMinutes: number, slotMinutes: number) => Math.max(1, Math.ceil(durationMinutes / slotMinutes));

/** The window in which a start may be booked: from now + minimum lead time to now + horizon. */
export function bookingWindow(tenant: { minLeadMinutes: number; bookingHorizonDays: number }, now: Date) {
  return {
    earliest: new Date(now.getTime() + tenant.minLeadMinutes * MINUTE),
    latest: new Date(now.getTime() + tenant.bookingHorizonDays * DAY),
  };
}

interface FreeSlot {
  startsAt: Date;
  endsAt: Date;
}

/** Whose places a lookup counts: the citizen's own booking sees only a service's public share, staff all of it. */
export type Audience = 'public' | 'internal';

/** The bookings of one service a slot may hold for the audience (online ones only, for the public). */
function placesFor(service: { slotCapacity: number; internalPlaces: number }, audience: Audience) {
  return audience === 'internal' ? service.slotCapacity : service.slotCapacity - service.internalPlaces;
}

const FREE_SLOTS = `
  SELECT t."startsAt", t."endsAt" FROM "TimeSlot" t
  WHERE t."locationId" = $1::uuid AND t."startsAt" >= $2::timestamptz AND t."startsAt" < $3::timestamptz AND t.booked < t.capacity
    AND (SELECT count(*) FROM "AppointmentSlot" h
         CROSS JOIN LATERAL (SELECT 1 FROM "Appointment" a WHERE a.id = h."appointmentId" AND a."serviceId" = $4::uuid
                             AND (NOT $5::boolean OR a.channel = 'online') OFFSET 0) a
         WHERE h."slotId" = t.id) < $6::int
  ORDER BY t."startsAt"`;

/**
 * Starts within [from, to) at which `needed` free slots follow each other without a gap, so a
 * 30-minute service on 15-minute slots never spans the lunch break. A slot is free for the service
 * while it has room and the service has places left on it: for the public, its online bookings
 * below the public share (as `termin_book_appointments` counts them), for staff, all its bookings
 * below its capacity. The count starts from the slot's own bookings, whatever the statistics say
 * (see sql/termin_book_appointments.sql).
 */
async function bookableStarts(
  db: DbOrTx,
  location: { id: string; slotMinutes: number },
  service: { id: string; slotCapacity: number; internalPlaces: number },
  audience: Audience,
  range: { from: Date; to: Date; needed: number },
): Promise<FreeSlot[]> {
  const { from, to, needed } = range;
  const places = placesFor(service, audience);
  if (from >= to || places <= 0) return [];
  const until = new Date(to.getTime() + needed * location.slotMinutes * MINUTE);
  const onlineOnly = audience === 'public';
  // Unnamed, so planned for its values: a generic plan of it took 5.7 ms a read instead of 0.4 ms.
  const free = await sqlRows<FreeSlot>(db, { text: FREE_SLOTS, values: [location.id, from, until, service.id, onlineOnly, places] });
  const starts: FreeSlot[] = [];
  for (let i = 0; i + needed <= free.length; i++) {
    const first = free[i]!;
    if (first.startsAt >= to) break;
    let last = first;
    let chained = true;
    for (let k = 1; k < needed && chained; k++) {
      const next = free[i + k]!;
      chained = next.startsAt.getTime() === last.endsAt.getTime();
      last = next;
    }
    if (chained) starts.push({ startsAt: first.startsAt, endsAt: last.endsAt });
  }
  return starts;
}

const later = (a: Date, b: Date) => (a > b ? a : b);
const earlier = (a: Date, b: Date) => (a < b ? a : b);

export interface AvailableDaysInput {
  tenant: string;
  locationId: string;
  serviceId: string;
  /** Local dates, inclusive. */
  from: string;
  to: string;
  /** The citizen's own lookup by default; staff booking on a citizen's behalf see internal places too. */
  audience?: Audience;
}

/** Local dates between `from` and `to` with at least one bookable start for the service. */
export async function availableDays({ db, now }: AvailabilityDeps, input: AvailableDaysInput) {
  const { tenant, location, service } = await resolveOffer(db, input.tenant, input.locationId, input.serviceId);
  const span = parseLocalDate(input.from, 'from').until(parseLocalDate(input.to, 'to'), { largestUnit: 'days' }).days;
  if (span < 0) throw new ValidationError([{ field: 'to', code: 'to_before_from' }], 'invalid_date_range');
  if (span >= MAX_AVAILABILITY_RANGE_DAYS) {
    throw new ValidationError([{ field: 'to', code: 'range_too_long', params: { maxDays: MAX_AVAILABILITY_RANGE_DAYS } }], 'invalid_date_range');
  }
  const tz = location.timezone;
  const window = bookingWindow(tenant, now);
  const starts = await bookableStarts(db, location, service!, input.audience ?? 'public', {
    from: later(startOfLocalDayUtc(input.from, tz), window.earliest),
    to: earlier(startOfLocalDayUtc(addDaysToLocalDate(input.to, 1), tz), window.latest),
    needed: slotsNeeded(service!.durationMinutes, location.slotMinutes),
  });
  const days = [...new Set(starts.map((s) => localDateOf(s.startsAt, tz)))];
  return { timezone: tz, days, lastDay: localDateOf(window.latest, tz) };
}

export interface AvailableSlotsInput {
  tenant: string;
  locationId: string;
  serviceId: string;
  date: string;
  audience?: Audience;
}

/** Bookable starts of one local day, with the end of the service's last slot. */
export async function availableSlots({ db, now }: AvailabilityDeps, input: AvailableSlotsInput) {
  const { tenant, location, service } = await resolveOffer(db, input.tenant, input.locationId, input.serviceId);
  parseLocalDate(input.date, 'date');
  const tz = location.timezone;
  const window = bookingWindow(tenant, now);
  const starts = await bookableStarts(db, location, service!, input.audience ?? 'public', {
    from: later(startOfLocalDayUtc(input.date, tz), window.earliest),
    to: earlier(startOfLocalDayUtc(addDaysToLocalDate(input.date, 1), tz), window.latest),
    needed: slotsNeeded(service!.durationMinutes, location.slotMinutes),
  });
  return {
    timezone: tz,
    date: input.date,
    slots: starts.map((s) => ({
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      localTime: localTimeOf(s.startsAt, tz),
    })),
  };
}
