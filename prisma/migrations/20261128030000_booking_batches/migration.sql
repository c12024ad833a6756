-- Bookings are written in batches: an API process gathers the bookings that arrive while its
-- previous batch is in PostgreSQL and writes them in one transaction. A transaction's own costs
-- (round trip, snapshot, commit and its WAL flush) were most of a booking's cost: in the booking
-- benchmark this took bookings from 600-770 to 2,000-2,600 a second (packages/booking/BENCHMARK.md).
--
-- Each booking of a batch succeeds or is refused on its own: a refusal is an answer row, not an
-- error, so it cannot undo the others. Answer rows: (idx, outcome) with outcome
--   booked         every row written
--   limit_reached  the contact reached the tenant's per-day limit
--   slot_full      one of the slots the service needs is full (places taken for it are given back)
--   conflict       a unique key is taken: an earlier booking with the same idempotency key
DROP FUNCTION termin_book_appointment(uuid, uuid, uuid, uuid, timestamptz, timestamptz, timestamptz[], text, uuid,
  smallint, text, text, text, boolean, "Language", text, text, timestamptz, timestamptz, timestamptz, int, uuid, jsonb);

CREATE FUNCTION termin_book_appointments(p_items jsonb)
RETURNS TABLE (idx int, outcome text)
LANGUAGE plpgsql
AS $$
DECLARE
  r record;
  same_day int;
  taken uuid[];
  inserted uuid;
BEGIN
  -- Locks in one order for every batch, contacts first, then slots: two batches (or a batch and a
  -- reschedule) never wait for each other in a circle. The contacts' advisory locks serialise a
  -- contact's bookings so their per-day count cannot be raced.
  PERFORM pg_advisory_xact_lock(k.key)
  FROM (
    SELECT DISTINCT hashtextextended('booking:' || i.tenant::text || ':' || i.contact_hash, 0) AS key
    FROM jsonb_to_recordset(p_items) AS i(tenant uuid, contact_hash text)
  ) k
  ORDER BY k.key;

  PERFORM 1
  FROM "TimeSlot" t
  JOIN (
    SELECT DISTINCT i.location, s.starts_at
    FROM jsonb_to_recordset(p_items) AS i(location uuid, slot_starts timestamptz[])
    CROSS JOIN LATERAL unnest(i.slot_starts) AS s(starts_at)
  ) wanted ON t."locationId" = wanted.location AND t."startsAt" = wanted.starts_at
  ORDER BY t.id
  FOR UPDATE OF t;

  FOR r IN
    SELECT * FROM jsonb_to_recordset(p_items) AS i(
      idx int, id uuid, tenant uuid, location uuid, service uuid, starts_at timestamptz, ends_at timestamptz,
      slot_starts timestamptz[], booking_code text, qr_code uuid, score smallint, name text, email text, phone text,
      sms_opt_in boolean, language "Language", contact_hash text, idempotency_key text, now timestamptz,
      day_start timestamptz, day_end timestamptz, max_per_day int, outbox_id uuid, outbox_payload jsonb)
    ORDER BY i.idx
  LOOP
    idx := r.idx;

    -- Each statement of this (volatile) function takes a new snapshot: the count sees every booking
    -- of the contact that committed while we waited for its lock, and this batch's own.
    SELECT count(*) INTO same_day FROM "Appointment"
    WHERE "tenantId" = r.tenant AND "contactHash" = r.contact_hash AND status <> 'CANCELLED'
      AND "startsAt" >= r.day_start AND "startsAt" < r.day_end;
    IF same_day >= r.max_per_day THEN
      outcome := 'limit_reached';
      RETURN NEXT;
      CONTINUE;
    END IF;

    -- One place on every slot the service needs, each only while one is left (the CHECK constraint
    -- booked <= capacity backs this up).
    WITH t AS (
      UPDATE "TimeSlot" SET booked = booked + 1
      WHERE "locationId" = r.location AND "startsAt" = ANY (r.slot_starts) AND booked < capacity
      RETURNING id
    )
    SELECT array_agg(id) INTO taken FROM t;
    IF coalesce(cardinality(taken), 0) < cardinality(r.slot_starts) THEN
      UPDATE "TimeSlot" SET booked = booked - 1 WHERE id = ANY (taken);
      outcome := 'slot_full';
      RETURN NEXT;
      CONTINUE;
    END IF;

    INSERT INTO "Appointment" (id, "tenantId", "locationId", "serviceId", "startsAt", "endsAt", status, "bookingCode", "qrCode",
      "noShowScore", "citizenName", "citizenEmail", "citizenPhone", "smsOptIn", language, "contactHash", "idempotencyKey",
      "bookedAt", "updatedAt")
    VALUES (r.id, r.tenant, r.location, r.service, r.starts_at, r.ends_at, 'PENDING', r.booking_code, r.qr_code,
      r.score, r.name, r.email, r.phone, r.sms_opt_in, r.language, r.contact_hash, r.idempotency_key, r.now, r.now)
    ON CONFLICT DO NOTHING
    RETURNING id INTO inserted;
    IF inserted IS NULL THEN
      UPDATE "TimeSlot" SET booked = booked - 1 WHERE id = ANY (taken);
      outcome := 'conflict';
      RETURN NEXT;
      CONTINUE;
    END IF;

    INSERT INTO "AppointmentSlot" ("appointmentId", "slotId") SELECT r.id, unnest(taken);

    INSERT INTO "OutboxEvent" (id, type, payload) VALUES (r.outbox_id, 'appointment.booked', r.outbox_payload);

    INSERT INTO "ContactHistory" ("tenantId", "contactHash", appointments, "noShows", "lastSeenAt")
    VALUES (r.tenant, r.contact_hash, 1, 0, r.now)
    ON CONFLICT ("tenantId", "contactHash")
    DO UPDATE SET appointments = "ContactHistory".appointments + 1, "lastSeenAt" = EXCLUDED."lastSeenAt";

    outcome := 'booked';
    RETURN NEXT;
  END LOOP;
END;
$$;
