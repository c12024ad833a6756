import { z } from 'zod';

/** A calendar day in the location's time zone. */
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The longest range one request may ask for: a year, a leap year included. */
export const STATISTICS_MAX_DAYS = 366;

/**
 * The filter of the admin statistics: the days `from` to `to` (both included, local dates of each
 * location), optionally one location and one service. Without a location every location of the
 * admin's municipality is counted, each in its own time zone.
 */
export const statisticsQuery = z.object({
  locationId: z.uuid().optional(),
  serviceId: z.uuid().optional(),
  from: localDate,
  to: localDate,
});

/** The CSV export takes the same filter, and how decimals are written (German comma by default). */
export const statisticsCsvQuery = statisticsQuery.extend({
  decimal: z.enum(['comma', 'point']).default('comma'),
  /** Language of the header row and service names; otherwise the request's language (German, English). */
  lang: z.string().max(35).optional(),
});

/** Seconds between two moments of the queue: mean, median and 90th percentile; null without any. */
const durationFigures = z.object({ count: z.number().int(), meanSeconds: z.number().nullable(), p50Seconds: z.number().nullable(), p90Seconds: z.number().nullable() });

/**
 * The figures of one selection. Rates are shares (0–1) of the appointments that were not cancelled
 * (`kept`), null when there are none. Nothing in here depends on citizen data, so the figures are
 * the same before and after anonymisation.
 */
export const statisticsFigures = z.object({
  /** Appointments whose start lies in the range, whatever became of them. */
  bookings: z.number().int(),
  cancellations: z.object({
    total: z.number().int(),
    byCitizen: z.number().int(),
    byOffice: z.number().int(),
    /** Cancelled before who-cancelled was recorded. */
    unrecorded: z.number().int(),
  }),
  kept: z.number().int(),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
  checkInRate: z.number().nullable(),
  noShowRate: z.number().nullable(),
  /** Queue entries without an appointment, by the local day of their ticket. */
  walkIns: z.number().int(),
  /** From check-in to the first call (appointments and walk-ins). */
  waiting: durationFigures,
  /** From the call to done. */
  service: durationFigures,
});

export const statisticsLoadCell = z.object({
  /** ISO weekday, 1 = Monday … 7 = Sunday, local time. */
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  /** Kept appointments starting in that hour. */
  appointments: z.number().int(),
  /** Walk-ins checked in during that hour. */
  walkIns: z.number().int(),
});

export const statisticsRow = statisticsFigures.extend({
  locationId: z.uuid(),
  locationName: z.string(),
  serviceId: z.uuid(),
  serviceNameDe: z.string(),
  serviceNameEn: z.string(),
});

export const statisticsResponse = z.object({
  from: localDate,
  to: localDate,
  locationId: z.uuid().nullable(),
  serviceId: z.uuid().nullable(),
  totals: statisticsFigures,
  /** One row per location and service with anything to count, by location name and service name. */
  rows: z.array(statisticsRow),
  /** Only hours with anything in them. */
  load: z.array(statisticsLoadCell),
  /**
   * Published capacity of the selected locations' slots in the range and how much of it is booked
   * now. Slots belong to a location, not a service, so the service filter does not narrow it.
   */
  utilisation: z.object({ capacity: z.number().int(), booked: z.number().int(), rate: z.number().nullable() }),
});

export type StatisticsQuery = z.infer<typeof statisticsQuery>;
export type StatisticsCsvQuery = z.infer<typeof statisticsCsvQuery>;
export type StatisticsFigures = z.infer<typeof statisticsFigures>;
export type StatisticsRow = z.infer<typeof statisticsRow>;
export type StatisticsLoadCell = z.infer<typeof statisticsLoadCell>;
export type StatisticsResponse = z.infer<typeof statisticsResponse>;
