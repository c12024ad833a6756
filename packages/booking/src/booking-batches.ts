import type { Language as Lang } from '@termin/db';
import DataLoader from 'dataloader';
import { sqlPool, type AppointmentStatus, type Db } from '@termin/db';
import type { OfferRow } from './availability';

/**
 * Bookings go to PostgreSQL in batches. A transaction's own costs (round trip, snapshot, commit and
 * its WAL flush, and in the API the socket writes) were most of what a booking cost, so each API
 * process sends the bookings that arrive while its previous batch is in the database together: one
 * query reads what all of them need, one call of `termin_book_appointments` writes them, each
 * succeeding or refused on its own. When nothing is in flight a booking goes at once, alone.
 */

/** Everything a booking reads, in one row per request: the offer's columns and more. */
export interface PreparedRow extends Omit<OfferRow, 'locationId' | 'serviceId'> {
  /** The country calling codes the tenant sends SMS to. */
  smsCountryCodes: string[];
  documentsDe: string | null;
  documentsEn: string | null;
  documentsEasy: string | null;
  chainStarts: Date[] | null;
  chainEnds: Date[] | null;
  pastAppointments: number;
  noShows: number;
  existingId: string | null;
  existingLocationId: string | null;
  existingServiceId: string | null;
  existingStartsAt: Date | null;
  existingEndsAt: Date | null;
  existingStatus: AppointmentStatus | null;
  existingBookingCode: string | null;
  existingNoShowScore: number | null;
  existingContactHash: string | null;
}

export interface PrepareRequest {
  tenant: string;
  locationId: string;
  serviceId: string;
  startsAt: Date;
  contactHash: string;
  idempotencyKey: string | null;
}

/**
 * Per request: the offer (tenant, location, service, all active and linked), the chain of slots
 * from the requested start on (as many as the service needs, free or not: fullness is decided
 * under lock), the contact's history and an earlier booking with the same idempotency key. No row
 * for a request: its offer does not exist.
 */
const PREPARE = `
  SELECT r.idx::int AS idx,
         t.id AS "tenantId", t."minLeadMinutes", t."bookingHorizonDays", t."maxBookingsPerContactPerDay", t."smsCountryCodes",
         l.name AS "locationName", l.address, l.timezone, l."slotMinutes",
         s."nameDe", s."nameEn", s."durationMinutes", s."documentsDe", s."documentsEn", s."documentsEasy",
         chain.starts AS "chainStarts", chain.ends AS "chainEnds",
         coalesce(ch.appointments, 0) AS "pastAppointments", coalesce(ch."noShows", 0) AS "noShows",
         e.id AS "existingId", e."locationId" AS "existingLocationId", e."serviceId" AS "existingServiceId",
         e."startsAt" AS "existingStartsAt", e."endsAt" AS "existingEndsAt", e.status::text AS "existingStatus",
         e."bookingCode" AS "existingBookingCode", e."noShowScore" AS "existingNoShowScore", e."contactHash" AS "existingContactHash"
  FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[]) WITH ORDINALITY
       AS r(tenant, location_id, service_id, starts_at, contact_hash, idempotency_key, idx)
  JOIN "LocationService" ls ON ls."locationId" = r.location_id AND ls."serviceId" = r.service_id
  JOIN "Location" l ON l.id = ls."locationId" AND l.active
  JOIN "Tenant" t ON t.id = l."tenantId" AND t.slug = r.tenant
  JOIN "Service" s ON s.id = ls."serviceId" AND s.active AND s."tenantId" = t.id
  CROSS JOIN LATERAL (
    SELECT array_agg(c."startsAt" ORDER BY c."startsAt") AS starts, array_agg(c."endsAt" ORDER BY c."startsAt") AS ends
    FROM (
      SELECT "startsAt", "endsAt" FROM "TimeSlot"
      WHERE "locationId" = l.id AND "startsAt" >= r.starts_at
      ORDER BY "startsAt"
      LIMIT greatest(1, ceil(s."durationMinutes"::numeric / l."slotMinutes"))::int
    ) c
  ) chain
  LEFT JOIN "ContactHistory" ch ON ch."tenantId" = t.id AND ch."contactHash" = r.contact_hash
  LEFT JOIN "Appointment" e ON e."tenantId" = t.id AND e."idempotencyKey" = r.idempotency_key`;

/** One booking for `termin_book_appointments` (source: `sql/termin_book_appointments.sql`). */
export interface BookingWrite {
  id: string;
  tenant: string;
  location: string;
  service: string;
  starts_at: Date;
  ends_at: Date;
  slot_starts: Date[];
  booking_code: string;
  qr_code: string;
  score: number;
  name: string;
  email: string | null;
  phone: string | null;
  sms_opt_in: boolean;
  language: Lang;
  channel: 'online' | 'phone' | 'counter';
  contact_hash: string;
  idempotency_key: string | null;
  now: Date;
  day_start: Date;
  day_end: Date;
  max_per_day: number;
  outbox_id: string;
  outbox_payload: unknown;
}

export type WriteOutcome = 'booked' | 'limit_reached' | 'slot_full' | 'conflict';

export interface BookingBatches {
  prepare(request: PrepareRequest): Promise<PreparedRow | null>;
  write(booking: BookingWrite): Promise<WriteOutcome>;
}

export interface BatchOptions {
  /** Most bookings in one batch. */
  maxBatch?: number;
  /**
   * Batches of each kind (reads, writes) in flight at once. One gave the most bookings and the
   * shortest waits in the benchmark: the bookings that queue meanwhile make the next batch larger.
   */
  concurrency?: number;
  /** Told when a batch failed as a whole (its bookings are then tried one by one): worth a warning. */
  onBatchError?: (error: unknown, size: number) => void;
}

/**
 * DataLoader's scheduling hook holds a batch open (it keeps gathering) until one of `concurrency`
 * places is free; a free place takes what arrived in this turn of the event loop.
 */
function limitedSchedule(concurrency: number) {
  let busy = 0;
  const waiting: Array<() => void> = [];
  return {
    schedule(dispatch: () => void) {
      if (busy < concurrency) {
        busy += 1;
        setImmediate(dispatch);
      } else {
        waiting.push(dispatch);
      }
    },
    release() {
      const next = waiting.shift();
      if (next) setImmediate(next);
      else busy -= 1;
    },
  };
}

/**
 * A batch is one statement: when it fails (a booking whose service was removed meanwhile, a deadlock
 * with a reschedule), each of its bookings is tried again alone, so an error fails only its own.
 */
function batchLoader<K, V>(options: BatchSettings, load: (keys: readonly K[]) => Promise<Array<V | Error>>) {
  const limit = limitedSchedule(options.concurrency);
  const loadApart = async (keys: readonly K[]): Promise<Array<V | Error>> => {
    try {
      return await load(keys);
    } catch (error) {
      if (keys.length === 1) return [error as Error];
      options.onBatchError?.(error, keys.length);
      return Promise.all(keys.map((key) => loadApart([key]).then(([result]) => result!)));
    }
  };
  return new DataLoader<K, V>(
    async (keys) => {
      try {
        return await loadApart(keys);
      } finally {
        limit.release();
      }
    },
    { cache: false, maxBatchSize: options.maxBatch, batchScheduleFn: limit.schedule },
  );
}

type BatchSettings = Required<Omit<BatchOptions, 'onBatchError'>> & Pick<BatchOptions, 'onBatchError'>;

export function createBookingBatches(db: Db, options: BatchOptions = {}): BookingBatches {
  const settings: BatchSettings = { maxBatch: options.maxBatch ?? 100, concurrency: options.concurrency ?? 1, onBatchError: options.onBatchError };
  const pool = sqlPool(db);

  const prepareMany = async (requests: readonly PrepareRequest[]) => {
    const { rows } = await pool.query<PreparedRow & { idx: number }>({
      name: 'booking-prepare-batch',
      text: PREPARE,
      values: [
        requests.map((r) => r.tenant),
        requests.map((r) => r.locationId),
        requests.map((r) => r.serviceId),
        requests.map((r) => r.startsAt),
        requests.map((r) => r.contactHash),
        requests.map((r) => r.idempotencyKey),
      ],
    });
    const byIndex = new Map(rows.map((row) => [row.idx, row]));
    return requests.map((_, i) => byIndex.get(i + 1) ?? null);
  };

  const writeMany = async (bookings: readonly BookingWrite[]) => {
    const { rows } = await pool.query<{ idx: number; outcome: WriteOutcome }>({
      name: 'booking-write-batch',
      text: 'SELECT idx, outcome FROM termin_book_appointments($1::jsonb)',
      values: [JSON.stringify(bookings.map((b, idx) => ({ ...b, idx })))],
    });
    const byIndex = new Map(rows.map((row) => [row.idx, row.outcome]));
    return bookings.map((_, i) => byIndex.get(i) ?? new Error(`booking ${i} of a batch got no answer`));
  };

  const prepareLoader = batchLoader<PrepareRequest, PreparedRow | null>(settings, prepareMany);
  const writeLoader = batchLoader<BookingWrite, WriteOutcome>(settings, writeMany);
  return {
    prepare: (request) => prepareLoader.load(request),
    write: (booking) => writeLoader.load(booking),
  };
}

const shared = new WeakMap<Db, BookingBatches>();

/** The batches of a database client: every booking made through one client shares them. */
export function bookingBatchesOf(db: Db): BookingBatches {
  let batches = shared.get(db);
  if (!batches) {
    batches = createBookingBatches(db);
    shared.set(db, batches);
  }
  return batches;
}
