-- The statistics' rollup: counts per location, service and 15-minute UTC bin (appointments by
-- start, walk-ins by check-in and local day) and a histogram of whole seconds of waiting and
-- service times per local day and again per local month, so a year's statistics read tens of
-- thousands of rows instead of every appointment and queue entry (a day's histogram has about as
-- many buckets as it has visits once durations spread over the seconds; a month's is bounded by
-- the distinct seconds, and whole months of a range are read from it).
--
-- Kept by row triggers: a changed row counts −1 under its old key and +1 under its new one, and
-- only keys whose counts change are upserted (ON CONFLICT adds, so concurrent writers never lose
-- a count), the two keys of a move in key order so that two moves never take the same rows' locks
-- the other way round. An update of nothing counted (anonymisation, retention, a note, the
-- iCalendar sequence) does not fire them at all; one that nets to zero (a confirmation) writes
-- nothing. Row triggers with plain statements, because their plans are kept: statement triggers
-- over transition tables cost a booking about a millisecond more. Derived data: no foreign keys (a
-- cascading delete of a location's appointments counts them down; the rows of a deleted location
-- are zeros).
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


CREATE FUNCTION termin_statistics_appointment_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO "StatisticsAppointmentBin" AS s ("locationId", "serviceId", bin, bookings, cancelled, "byCitizen", "byOffice", "checkedIn", "noShows")
  SELECT "locationId", "serviceId", bin, sum(sign), sum(sign * cancelled), sum(sign * "byCitizen"), sum(sign * "byOffice"), sum(sign * "checkedIn"), sum(sign * "noShows")
    FROM (SELECT 1 AS sign, NEW."locationId", NEW."serviceId", date_bin('15 minutes', NEW."startsAt", timestamptz '2000-01-01') AS bin,
                 (NEW.status = 'CANCELLED')::int AS cancelled, (NEW."cancelledBy" IS NOT DISTINCT FROM 'CITIZEN')::int AS "byCitizen",
                 (NEW."cancelledBy" IS NOT DISTINCT FROM 'OFFICE')::int AS "byOffice", (NEW."checkedInAt" IS NOT NULL AND NEW.status <> 'CANCELLED')::int AS "checkedIn",
                 (NEW.status = 'NOSHOW')::int AS "noShows"
           WHERE TG_OP <> 'DELETE'
          UNION ALL
          SELECT -1, OLD."locationId", OLD."serviceId", date_bin('15 minutes', OLD."startsAt", timestamptz '2000-01-01'),
                 (OLD.status = 'CANCELLED')::int, (OLD."cancelledBy" IS NOT DISTINCT FROM 'CITIZEN')::int, (OLD."cancelledBy" IS NOT DISTINCT FROM 'OFFICE')::int,
                 (OLD."checkedInAt" IS NOT NULL AND OLD.status <> 'CANCELLED')::int, (OLD.status = 'NOSHOW')::int
           WHERE TG_OP <> 'INSERT') c
   GROUP BY 1, 3, 2
  HAVING sum(sign) <> 0 OR sum(sign * cancelled) <> 0 OR sum(sign * "byCitizen") <> 0 OR sum(sign * "byOffice") <> 0
      OR sum(sign * "checkedIn") <> 0 OR sum(sign * "noShows") <> 0
   ORDER BY 1, 3, 2
  ON CONFLICT ("locationId", bin, "serviceId") DO UPDATE
     SET bookings = s.bookings + EXCLUDED.bookings, cancelled = s.cancelled + EXCLUDED.cancelled,
         "byCitizen" = s."byCitizen" + EXCLUDED."byCitizen", "byOffice" = s."byOffice" + EXCLUDED."byOffice",
         "checkedIn" = s."checkedIn" + EXCLUDED."checkedIn", "noShows" = s."noShows" + EXCLUDED."noShows";
  RETURN NULL;
END
$fn$;

-- Walk-ins, then the two durations (waiting once called, service once done) in whole seconds
-- (rounded, as the statistics always had them) with the exact milliseconds for the mean, into the
-- day's and the month's histogram. Walk-in bins before durations: one lock order.
CREATE FUNCTION termin_statistics_queue_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO "StatisticsWalkInBin" AS s ("locationId", "serviceId", "localDate", bin, "walkIns")
  SELECT "locationId", "serviceId", "localDate", bin, sum(sign)
    FROM (SELECT 1 AS sign, NEW."locationId", NEW."serviceId", NEW."localDate", date_bin('15 minutes', NEW."checkedInAt", timestamptz '2000-01-01') AS bin
           WHERE TG_OP <> 'DELETE' AND NEW.kind = 'WALK_IN'
          UNION ALL
          SELECT -1, OLD."locationId", OLD."serviceId", OLD."localDate", date_bin('15 minutes', OLD."checkedInAt", timestamptz '2000-01-01')
           WHERE TG_OP <> 'INSERT' AND OLD.kind = 'WALK_IN') c
   GROUP BY 1, 3, 4, 2
  HAVING sum(sign) <> 0
   ORDER BY 1, 3, 4, 2
  ON CONFLICT ("locationId", "localDate", bin, "serviceId") DO UPDATE SET "walkIns" = s."walkIns" + EXCLUDED."walkIns";

  INSERT INTO "StatisticsDuration" AS s ("locationId", "serviceId", period, "localDate", metric, seconds, n, "totalMs")
  SELECT "locationId", "serviceId", p.period, p.starts, d.metric, round(extract(epoch FROM d.span))::int, sum(sign),
         sum(sign * round(extract(epoch FROM d.span) * 1000))::bigint
    FROM (SELECT 1 AS sign, NEW."locationId", NEW."serviceId", NEW."localDate", NEW."calledAt" - NEW."checkedInAt" AS wait,
                 CASE WHEN NEW.status = 'DONE' THEN NEW."completedAt" - NEW."calledAt" END AS service
           WHERE TG_OP <> 'DELETE'
          UNION ALL
          SELECT -1, OLD."locationId", OLD."serviceId", OLD."localDate", OLD."calledAt" - OLD."checkedInAt",
                 CASE WHEN OLD.status = 'DONE' THEN OLD."completedAt" - OLD."calledAt" END
           WHERE TG_OP <> 'INSERT') c
   CROSS JOIN LATERAL (VALUES ('wait', c.wait), ('service', c.service)) d (metric, span)
   CROSS JOIN LATERAL (VALUES ('day', c."localDate"), ('month', date_trunc('month', c."localDate"::timestamp)::date)) p (period, starts)
   WHERE d.span IS NOT NULL
   GROUP BY 1, 3, 4, 2, 5, 6
  HAVING sum(sign) <> 0 OR sum(sign * round(extract(epoch FROM d.span) * 1000)) <> 0
   ORDER BY 1, 3, 4, 2, 5, 6
  ON CONFLICT ("locationId", period, "localDate", "serviceId", metric, seconds) DO UPDATE SET n = s.n + EXCLUDED.n, "totalMs" = s."totalMs" + EXCLUDED."totalMs";
  RETURN NULL;
END
$fn$;

CREATE TRIGGER statistics_appointment_insert AFTER INSERT OR DELETE ON "Appointment"
  FOR EACH ROW EXECUTE FUNCTION termin_statistics_appointment_row();
CREATE TRIGGER statistics_appointment_update AFTER UPDATE ON "Appointment"
  FOR EACH ROW
  WHEN ((OLD."locationId", OLD."serviceId", OLD."startsAt", OLD.status, OLD."cancelledBy", OLD."checkedInAt" IS NULL)
        IS DISTINCT FROM (NEW."locationId", NEW."serviceId", NEW."startsAt", NEW.status, NEW."cancelledBy", NEW."checkedInAt" IS NULL))
  EXECUTE FUNCTION termin_statistics_appointment_row();
CREATE TRIGGER statistics_queue_insert AFTER INSERT OR DELETE ON "QueueEntry"
  FOR EACH ROW EXECUTE FUNCTION termin_statistics_queue_row();
CREATE TRIGGER statistics_queue_update AFTER UPDATE ON "QueueEntry"
  FOR EACH ROW
  WHEN ((OLD."locationId", OLD."serviceId", OLD."localDate", OLD.kind, OLD.status, OLD."checkedInAt", OLD."calledAt", OLD."completedAt")
        IS DISTINCT FROM (NEW."locationId", NEW."serviceId", NEW."localDate", NEW.kind, NEW.status, NEW."checkedInAt", NEW."calledAt", NEW."completedAt"))
  EXECUTE FUNCTION termin_statistics_queue_row();

-- Counts the rollup anew from the rows, set-based: the backfill of this migration, and a repair
-- for anyone who wrote with the triggers off (the statistics benchmark fills a million rows so,
-- because one statement through row triggers would update the same monthly buckets thousands of
-- times in one transaction). The tables are locked against writers meanwhile, so a row is counted
-- either here or by its trigger, never twice.
CREATE FUNCTION termin_statistics_rebuild() RETURNS void LANGUAGE sql AS $fn$
LOCK TABLE "Appointment", "QueueEntry" IN SHARE MODE;
DELETE FROM "StatisticsAppointmentBin";
DELETE FROM "StatisticsWalkInBin";
DELETE FROM "StatisticsDuration";

INSERT INTO "StatisticsAppointmentBin" ("locationId", "serviceId", bin, bookings, cancelled, "byCitizen", "byOffice", "checkedIn", "noShows")
SELECT "locationId", "serviceId", date_bin('15 minutes', "startsAt", timestamptz '2000-01-01'), count(*),
       count(*) FILTER (WHERE status = 'CANCELLED'), count(*) FILTER (WHERE "cancelledBy" = 'CITIZEN'), count(*) FILTER (WHERE "cancelledBy" = 'OFFICE'),
       count(*) FILTER (WHERE "checkedInAt" IS NOT NULL AND status <> 'CANCELLED'), count(*) FILTER (WHERE status = 'NOSHOW')
  FROM "Appointment"
 GROUP BY 1, 2, 3;

INSERT INTO "StatisticsWalkInBin" ("locationId", "serviceId", "localDate", bin, "walkIns")
SELECT "locationId", "serviceId", "localDate", date_bin('15 minutes', "checkedInAt", timestamptz '2000-01-01'), count(*)
  FROM "QueueEntry" WHERE kind = 'WALK_IN'
 GROUP BY 1, 2, 3, 4;

INSERT INTO "StatisticsDuration" ("locationId", "serviceId", period, "localDate", metric, seconds, n, "totalMs")
SELECT q."locationId", q."serviceId", p.period, p.starts, d.metric, round(extract(epoch FROM d.span))::int, count(*), sum(round(extract(epoch FROM d.span) * 1000))::bigint
  FROM "QueueEntry" q
 CROSS JOIN LATERAL (VALUES ('wait', q."calledAt" - q."checkedInAt"), ('service', CASE WHEN q.status = 'DONE' THEN q."completedAt" - q."calledAt" END)) d (metric, span)
 CROSS JOIN LATERAL (VALUES ('day', q."localDate"), ('month', date_trunc('month', q."localDate"::timestamp)::date)) p (period, starts)
 WHERE d.span IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5, 6;
$fn$;

SELECT termin_statistics_rebuild();
