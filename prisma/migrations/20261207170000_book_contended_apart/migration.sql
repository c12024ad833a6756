-- The booking function writes a batch's bookings that have room set-based and sends only those on a
-- slot without room for all of them through its one-by-one loop (see packages/booking/sql/termin_book_appointments.sql).
CREATE OR REPLACE FUNCTION termin_book_appointments(p_items jsonb)
RETURNS TABLE (idx int, outcome text)
LANGUAGE plpgsql
-- Its statements are short, but the planner's estimates for a batch (a hundred rows from each
-- jsonb_to_recordset) pass the JIT threshold: compiling took a hundred milliseconds per call.
SET jit = off
AS $$
DECLARE
  r record;
  same_day int;
  taken uuid[];
  inserted uuid;
  limited int[];
  together boolean;
  -- The bookings that go one after the other, in the loop.
  contended int[];
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

  -- Most bookings of a batch are of different citizens into slots with room for all of them. Those
  -- are written with one statement per table instead of six statements per booking (a quarter of
  -- the database's time per booking in the benchmark). The others take the loop below, after them,
  -- one booking after the other, where each refusal gives back its places before the next booking
  -- asks: a booking on a slot without room for every booking of the batch that wants it (in a rush
  -- most batches hold one; sending the whole batch through the loop then cost a millisecond per
  -- booking), on a slot that is gone, or sharing an idempotency key with one of those (so the first
  -- of two bookings with one key is still the one made). A citizen twice in the batch sends the whole
  -- batch through the loop. With the slots locked, the room checked here cannot change before the write.
  SELECT count(*) = count(DISTINCT (i.tenant, i.contact_hash)) INTO together
  FROM jsonb_to_recordset(p_items) AS i(tenant uuid, contact_hash text);

  IF together THEN
    -- Different citizens: no booking of the batch counts towards another's day.
    SELECT coalesce(array_agg(i.idx), '{}') INTO limited
    FROM jsonb_to_recordset(p_items) AS i(idx int, tenant uuid, contact_hash text, day_start timestamptz, day_end timestamptz, max_per_day int)
    WHERE (
      SELECT count(*) FROM "Appointment" a
      WHERE a."tenantId" = i.tenant AND a."contactHash" = i.contact_hash AND a.status <> 'CANCELLED'
        AND a."startsAt" >= i.day_start AND a."startsAt" < i.day_end
    ) >= i.max_per_day;

    WITH demand AS (
      SELECT i.idx, i.location, i.service, i.channel, s.starts_at
      FROM jsonb_to_recordset(p_items) AS i(idx int, location uuid, service uuid, channel text, slot_starts timestamptz[])
      CROSS JOIN LATERAL unnest(i.slot_starts) AS s(starts_at)
      WHERE i.idx <> ALL (limited)
    ),
    -- Slots without a place for each booking that wants them, or gone.
    short_slots AS (
      SELECT d.location, d.starts_at
      FROM demand d
      LEFT JOIN "TimeSlot" t ON t."locationId" = d.location AND t."startsAt" = d.starts_at
      GROUP BY d.location, d.starts_at, t.id, t.booked, t.capacity
      HAVING t.id IS NULL OR t.booked + count(*) > t.capacity
    ),
    -- Slots where a service's places (its public share for the online bookings) are not enough.
    short_places AS (
      SELECT g.location, g.service, g.starts_at
      FROM (
        SELECT d.location, d.service, d.starts_at, count(*) AS demand, count(*) FILTER (WHERE d.channel = 'online') AS online
        FROM demand d
        GROUP BY d.location, d.service, d.starts_at
      ) g
      JOIN "Service" sv ON sv.id = g.service
      JOIN "TimeSlot" t ON t."locationId" = g.location AND t."startsAt" = g.starts_at
      CROSS JOIN LATERAL (
        SELECT count(*) AS taken, count(*) FILTER (WHERE a.channel = 'online') AS online_taken
        FROM "AppointmentSlot" h
        -- The slot's few bookings first, each looked up by its key (OFFSET 0 keeps this order: see the top).
        CROSS JOIN LATERAL (SELECT a.channel FROM "Appointment" a WHERE a.id = h."appointmentId" AND a."serviceId" = g.service OFFSET 0) a
        WHERE h."slotId" = t.id
      ) u
      WHERE u.taken + g.demand > sv."slotCapacity"
         OR (g.online > 0 AND u.online_taken + g.online > sv."slotCapacity" - sv."internalPlaces")
    ),
    short AS (
      SELECT DISTINCT d.idx
      FROM demand d
      WHERE EXISTS (SELECT 1 FROM short_slots x WHERE x.location = d.location AND x.starts_at = d.starts_at)
         OR EXISTS (SELECT 1 FROM short_places x WHERE x.location = d.location AND x.service = d.service AND x.starts_at = d.starts_at)
    ),
    keyed AS (
      SELECT i.idx, i.idempotency_key FROM jsonb_to_recordset(p_items) AS i(idx int, idempotency_key text)
    )
    SELECT coalesce(array_agg(k.idx), '{}') INTO contended
    FROM keyed k
    WHERE k.idx IN (SELECT x.idx FROM short x)
       OR k.idempotency_key IN (SELECT c.idempotency_key FROM keyed c WHERE c.idx IN (SELECT x.idx FROM short x));
  ELSE
    SELECT array_agg(i.idx) INTO contended FROM jsonb_to_recordset(p_items) AS i(idx int);
  END IF;

  IF together THEN
    RETURN QUERY
    WITH items AS (
      SELECT * FROM jsonb_to_recordset(p_items) AS i(
        idx int, id uuid, tenant uuid, location uuid, service uuid, starts_at timestamptz, ends_at timestamptz,
        slot_starts timestamptz[], booking_code text, qr_code uuid, score smallint, name text, email text, phone text,
        sms_opt_in boolean, language "Language", channel "BookingChannel", contact_hash text, idempotency_key text, now timestamptz,
        outbox_id uuid, outbox_payload jsonb)
      WHERE i.idx <> ALL (contended)
    ),
    -- In the batch's order, so that of two bookings with one idempotency key the first is made.
    written AS (
      INSERT INTO "Appointment" (id, "tenantId", "locationId", "serviceId", "startsAt", "endsAt", status, "bookingCode", "qrCode",
        "noShowScore", "citizenName", "citizenEmail", "citizenPhone", "smsOptIn", language, channel, "contactHash", "idempotencyKey",
        "bookedAt", "updatedAt")
      SELECT i.id, i.tenant, i.location, i.service, i.starts_at, i.ends_at, 'PENDING', i.booking_code, i.qr_code,
        i.score, i.name, i.email, i.phone, i.sms_opt_in, i.language, i.channel, i.contact_hash, i.idempotency_key, i.now, i.now
      FROM items i
      WHERE i.idx <> ALL (limited)
      ORDER BY i.idx
      ON CONFLICT DO NOTHING
      RETURNING "Appointment".id
    ),
    made AS (
      SELECT i.* FROM items i JOIN written w ON w.id = i.id
    ),
    places AS (
      UPDATE "TimeSlot" t SET booked = t.booked + d.n
      FROM (
        SELECT m.location, s.starts_at, count(*)::int AS n
        FROM made m CROSS JOIN LATERAL unnest(m.slot_starts) AS s(starts_at)
        GROUP BY m.location, s.starts_at
      ) d
      WHERE t."locationId" = d.location AND t."startsAt" = d.starts_at
      RETURNING t.id, t."locationId", t."startsAt"
    ),
    held AS (
      INSERT INTO "AppointmentSlot" ("appointmentId", "slotId")
      SELECT m.id, p.id
      FROM made m CROSS JOIN LATERAL unnest(m.slot_starts) AS s(starts_at)
      JOIN places p ON p."locationId" = m.location AND p."startsAt" = s.starts_at
    ),
    events AS (
      INSERT INTO "OutboxEvent" (id, type, payload)
      SELECT m.outbox_id, 'appointment.booked', m.outbox_payload FROM made m
    ),
    history AS (
      INSERT INTO "ContactHistory" ("tenantId", "contactHash", appointments, "noShows", "lastSeenAt")
      SELECT m.tenant, m.contact_hash, 1, 0, m.now FROM made m
      ON CONFLICT ("tenantId", "contactHash")
      DO UPDATE SET appointments = "ContactHistory".appointments + 1, "lastSeenAt" = EXCLUDED."lastSeenAt"
    )
    SELECT i.idx,
           CASE WHEN i.idx = ANY (limited) THEN 'limit_reached' WHEN m.id IS NOT NULL THEN 'booked' ELSE 'conflict' END
    FROM items i LEFT JOIN made m ON m.id = i.id
    ORDER BY i.idx;
  END IF;

  FOR r IN
    SELECT * FROM jsonb_to_recordset(p_items) AS i(
      idx int, id uuid, tenant uuid, location uuid, service uuid, starts_at timestamptz, ends_at timestamptz,
      slot_starts timestamptz[], booking_code text, qr_code uuid, score smallint, name text, email text, phone text,
      sms_opt_in boolean, language "Language", channel "BookingChannel", contact_hash text, idempotency_key text, now timestamptz,
      day_start timestamptz, day_end timestamptz, max_per_day int, outbox_id uuid, outbox_payload jsonb)
    WHERE i.idx = ANY (contended)
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

    -- The service's own places on every one of these slots (locked above): all of them for staff,
    -- the public share online.
    IF EXISTS (
      SELECT 1
      FROM "TimeSlot" t
      JOIN "Service" sv ON sv.id = r.service
      CROSS JOIN LATERAL (
        SELECT count(*) AS taken, count(*) FILTER (WHERE a.channel = 'online') AS online_taken
        FROM "AppointmentSlot" h
        CROSS JOIN LATERAL (SELECT a.channel FROM "Appointment" a WHERE a.id = h."appointmentId" AND a."serviceId" = r.service OFFSET 0) a
        WHERE h."slotId" = t.id
      ) u
      WHERE t."locationId" = r.location AND t."startsAt" = ANY (r.slot_starts)
        AND (u.taken >= sv."slotCapacity" OR (r.channel = 'online' AND u.online_taken >= sv."slotCapacity" - sv."internalPlaces"))
    ) THEN
      outcome := 'slot_full';
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
      "noShowScore", "citizenName", "citizenEmail", "citizenPhone", "smsOptIn", language, channel, "contactHash", "idempotencyKey",
      "bookedAt", "updatedAt")
    VALUES (r.id, r.tenant, r.location, r.service, r.starts_at, r.ends_at, 'PENDING', r.booking_code, r.qr_code,
      r.score, r.name, r.email, r.phone, r.sms_opt_in, r.language, r.channel, r.contact_hash, r.idempotency_key, r.now, r.now)
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
