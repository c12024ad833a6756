import type { DbOrTx } from '@termin/db';

/**
 * The statistics' rollup two ways, for tests: as the triggers keep it, and counted from scratch
 * from the appointments and queue entries with plain GROUP BYs written independently of the
 * migration's statements. Each is one sorted list of lines (key and counts), zero rows left out,
 * so a test compares them with one toEqual.
 */
export async function rollupAsKept(db: DbOrTx): Promise<string[]> {
  const rows = await db.$queryRaw<{ line: string }[]>`
    SELECT concat_ws(' ', 'appointments', "locationId", "serviceId", to_char(bin AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'),
                     bookings, cancelled, "byCitizen", "byOffice", "checkedIn", "noShows") AS line
      FROM "StatisticsAppointmentBin"
     WHERE bookings <> 0 OR cancelled <> 0 OR "byCitizen" <> 0 OR "byOffice" <> 0 OR "checkedIn" <> 0 OR "noShows" <> 0
    UNION ALL
    SELECT concat_ws(' ', 'walk-ins', "locationId", "serviceId", "localDate", to_char(bin AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'), "walkIns")
      FROM "StatisticsWalkInBin" WHERE "walkIns" <> 0
    UNION ALL
    SELECT concat_ws(' ', metric, period, "locationId", "serviceId", "localDate", seconds, n, "totalMs")
      FROM "StatisticsDuration" WHERE n <> 0 OR "totalMs" <> 0`;
  return rows.map((r) => r.line).sort();
}

export async function rollupFromScratch(db: DbOrTx): Promise<string[]> {
  const rows = await db.$queryRaw<{ line: string }[]>`
    SELECT concat_ws(' ', 'appointments', "locationId", "serviceId",
                     to_char(to_timestamp(floor(extract(epoch FROM "startsAt") / 900) * 900) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'),
                     count(*), count(*) FILTER (WHERE status = 'CANCELLED'), count(*) FILTER (WHERE "cancelledBy" = 'CITIZEN'),
                     count(*) FILTER (WHERE "cancelledBy" = 'OFFICE'), count(*) FILTER (WHERE "checkedInAt" IS NOT NULL AND status <> 'CANCELLED'),
                     count(*) FILTER (WHERE status = 'NOSHOW')) AS line
      FROM "Appointment" GROUP BY "locationId", "serviceId", floor(extract(epoch FROM "startsAt") / 900)
    UNION ALL
    SELECT concat_ws(' ', 'walk-ins', "locationId", "serviceId", "localDate",
                     to_char(to_timestamp(floor(extract(epoch FROM "checkedInAt") / 900) * 900) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'), count(*))
      FROM "QueueEntry" WHERE kind = 'WALK_IN' GROUP BY "locationId", "serviceId", "localDate", floor(extract(epoch FROM "checkedInAt") / 900)
    UNION ALL
    SELECT concat_ws(' ', metric, period, "locationId", "serviceId", starts, seconds, count(*), sum(ms))
      FROM (SELECT "locationId", "serviceId", "localDate", 'wait' AS metric,
                   round(extract(epoch FROM "calledAt" - "checkedInAt"))::int AS seconds, round(extract(epoch FROM "calledAt" - "checkedInAt") * 1000) AS ms
              FROM "QueueEntry" WHERE "calledAt" IS NOT NULL
            UNION ALL
            SELECT "locationId", "serviceId", "localDate", 'service',
                   round(extract(epoch FROM "completedAt" - "calledAt"))::int, round(extract(epoch FROM "completedAt" - "calledAt") * 1000)
              FROM "QueueEntry" WHERE status = 'DONE' AND "calledAt" IS NOT NULL AND "completedAt" IS NOT NULL) d
     CROSS JOIN LATERAL (VALUES ('day', "localDate"), ('month', make_date(extract(year FROM "localDate")::int, extract(month FROM "localDate")::int, 1))) p (period, starts)
     GROUP BY metric, period, "locationId", "serviceId", starts, seconds`;
  return rows.map((r) => r.line).sort();
}
