-- The statistics' rollup: counts per location, service and 15-minute UTC bin (appointments by
-- start, walk-ins by check-in and local day) and a histogram of whole seconds of waiting and
-- service times per local day and again per local month, so a year's statistics read tens of
-- thousands of rows instead of every appointment and queue entry (a day's histogram has about as
-- many buckets as it has visits once durations spread over the seconds; a month's is bounded by
-- the distinct seconds, and whole months of a range are read from it). Kept by statement triggers: each statement's changed rows (the
-- transition tables) are counted once, old rows −1 and new rows +1 per key, and only keys whose
-- counts changed are upserted (ON CONFLICT adds, so concurrent writers never lose a count), in key
-- order so that two statements never take the same rows' locks the other way round. An update that
-- changes nothing counted (anonymisation, retention, a note, a confirmation) nets to zero and
-- writes nothing. Derived data: no foreign keys (a cascading delete of a location's appointments
-- counts them down; the rows of a deleted location are zeros).
CREATE TABLE "StatisticsAppointmentBin" (
    "locationId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "bin" TIMESTAMPTZ(3) NOT NULL,
    "bookings" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "byCitizen" INTEGER NOT NULL DEFAULT 0,
    "byOffice" INTEGER NOT NULL DEFAULT 0,
    "checkedIn" INTEGER NOT NULL DEFAULT 0,
    "noShows" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatisticsAppointmentBin_pkey" PRIMARY KEY ("locationId","bin","serviceId")
);

CREATE TABLE "StatisticsWalkInBin" (
    "locationId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "localDate" DATE NOT NULL,
    "bin" TIMESTAMPTZ(3) NOT NULL,
    "walkIns" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatisticsWalkInBin_pkey" PRIMARY KEY ("locationId","localDate","bin","serviceId")
);

CREATE TABLE "StatisticsDuration" (
    "locationId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "period" VARCHAR(5) NOT NULL,
    "localDate" DATE NOT NULL,
    "metric" VARCHAR(7) NOT NULL,
    "seconds" INTEGER NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,
    "totalMs" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "StatisticsDuration_pkey" PRIMARY KEY ("locationId","period","localDate","serviceId","metric","seconds"),
    CONSTRAINT "StatisticsDuration_metric_check" CHECK ("metric" IN ('wait', 'service')),
    CONSTRAINT "StatisticsDuration_period_check" CHECK ("period" = 'day' OR ("period" = 'month' AND extract(day FROM "localDate") = 1))
);

-- The upsert that adds the signed rows of `source` (a query giving `sign` and the columns of
-- "Appointment") to the appointment bins. One text for the triggers (source: their transition
-- tables) and the backfill below (source: the table), so both count alike.
CREATE FUNCTION termin_statistics_appointment_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($sql$
  INSERT INTO "StatisticsAppointmentBin" AS s ("locationId", "serviceId", bin, bookings, cancelled, "byCitizen", "byOffice", "checkedIn", "noShows")
  SELECT "locationId", "serviceId", date_bin('15 minutes', "startsAt", timestamptz '2000-01-01'),
         sum(sign)::int,
         sum(sign * (status = 'CANCELLED')::int)::int,
         sum(sign * ("cancelledBy" IS NOT DISTINCT FROM 'CITIZEN')::int)::int,
         sum(sign * ("cancelledBy" IS NOT DISTINCT FROM 'OFFICE')::int)::int,
         sum(sign * ("checkedInAt" IS NOT NULL AND status <> 'CANCELLED')::int)::int,
         sum(sign * (status = 'NOSHOW')::int)::int
    FROM (%s) c
   GROUP BY 1, 3, 2
  HAVING sum(sign) <> 0 OR sum(sign * (status = 'CANCELLED')::int) <> 0
      OR sum(sign * ("cancelledBy" IS NOT DISTINCT FROM 'CITIZEN')::int) <> 0 OR sum(sign * ("cancelledBy" IS NOT DISTINCT FROM 'OFFICE')::int) <> 0
      OR sum(sign * ("checkedInAt" IS NOT NULL AND status <> 'CANCELLED')::int) <> 0 OR sum(sign * (status = 'NOSHOW')::int) <> 0
   ORDER BY 1, 3, 2
  ON CONFLICT ("locationId", bin, "serviceId") DO UPDATE
     SET bookings = s.bookings + EXCLUDED.bookings, cancelled = s.cancelled + EXCLUDED.cancelled,
         "byCitizen" = s."byCitizen" + EXCLUDED."byCitizen", "byOffice" = s."byOffice" + EXCLUDED."byOffice",
         "checkedIn" = s."checkedIn" + EXCLUDED."checkedIn", "noShows" = s."noShows" + EXCLUDED."noShows"
$sql$, source)
$fn$;

-- The same for queue entries: walk-ins, then the two durations (waiting once called, service
-- once done), each in whole seconds (rounded, as the statistics always had them) with the exact
-- milliseconds for the mean, into the day's and the month's histogram. Walk-in bins before durations in every statement: one lock order.
CREATE FUNCTION termin_statistics_queue_sql(source text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $fn$
SELECT ARRAY[
  format($sql$
  INSERT INTO "StatisticsWalkInBin" AS s ("locationId", "serviceId", "localDate", bin, "walkIns")
  SELECT "locationId", "serviceId", "localDate", date_bin('15 minutes', "checkedInAt", timestamptz '2000-01-01'), sum(sign)::int
    FROM (%s) c
   WHERE kind = 'WALK_IN'
   GROUP BY 1, 3, 4, 2
  HAVING sum(sign) <> 0
   ORDER BY 1, 3, 4, 2
  ON CONFLICT ("locationId", "localDate", bin, "serviceId") DO UPDATE SET "walkIns" = s."walkIns" + EXCLUDED."walkIns"
  $sql$, source),
  format($sql$
  INSERT INTO "StatisticsDuration" AS s ("locationId", "serviceId", period, "localDate", metric, seconds, n, "totalMs")
  SELECT "locationId", "serviceId", p.period, p.starts, d.metric, round(extract(epoch FROM d.span))::int, sum(sign)::int,
         sum(sign * round(extract(epoch FROM d.span) * 1000))::bigint
    FROM (%s) c
   CROSS JOIN LATERAL (VALUES ('wait', c."calledAt" - c."checkedInAt"),
                              ('service', CASE WHEN c.status = 'DONE' THEN c."completedAt" - c."calledAt" END)) d (metric, span)
   CROSS JOIN LATERAL (VALUES ('day', c."localDate"), ('month', date_trunc('month', c."localDate"::timestamp)::date)) p (period, starts)
   WHERE d.span IS NOT NULL
   GROUP BY 1, 3, 4, 2, 5, 6
  HAVING sum(sign) <> 0 OR sum(sign * round(extract(epoch FROM d.span) * 1000)) <> 0
   ORDER BY 1, 3, 4, 2, 5, 6
  ON CONFLICT ("locationId", period, "localDate", "serviceId", metric, seconds) DO UPDATE SET n = s.n + EXCLUDED.n, "totalMs" = s."totalMs" + EXCLUDED."totalMs"
  $sql$, source)
];
$fn$;

-- A statement's changed rows, signed: what an INSERT adds, a DELETE takes away, an UPDATE both.
CREATE FUNCTION termin_statistics_changes(op text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT CASE op
  WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
  WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
  ELSE 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
END
$fn$;

-- The transition tables are visible to the trigger function's own statements (EXECUTE included),
-- so the statements are run here, not in a function it calls.
CREATE FUNCTION termin_statistics_appointment_rows() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE termin_statistics_appointment_sql(termin_statistics_changes(TG_OP));
  RETURN NULL;
END
$fn$;

CREATE FUNCTION termin_statistics_queue_rows() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  statement text;
BEGIN
  FOREACH statement IN ARRAY termin_statistics_queue_sql(termin_statistics_changes(TG_OP)) LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER statistics_appointment_insert AFTER INSERT ON "Appointment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION termin_statistics_appointment_rows();
CREATE TRIGGER statistics_appointment_update AFTER UPDATE ON "Appointment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION termin_statistics_appointment_rows();
CREATE TRIGGER statistics_appointment_delete AFTER DELETE ON "Appointment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION termin_statistics_appointment_rows();
CREATE TRIGGER statistics_queue_insert AFTER INSERT ON "QueueEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION termin_statistics_queue_rows();
CREATE TRIGGER statistics_queue_update AFTER UPDATE ON "QueueEntry"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION termin_statistics_queue_rows();
CREATE TRIGGER statistics_queue_delete AFTER DELETE ON "QueueEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION termin_statistics_queue_rows();

-- The rows from before this migration, with the same statements. The tables are locked against
-- writers meanwhile, so a row is counted either here or by its trigger, never twice.
LOCK TABLE "Appointment", "QueueEntry" IN SHARE MODE;
DO $$
DECLARE
  statement text;
BEGIN
  EXECUTE termin_statistics_appointment_sql('SELECT 1 AS sign, a.* FROM "Appointment" a');
  FOREACH statement IN ARRAY termin_statistics_queue_sql('SELECT 1 AS sign, q.* FROM "QueueEntry" q') LOOP
    EXECUTE statement;
  END LOOP;
END
$$;
