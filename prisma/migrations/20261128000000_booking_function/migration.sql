-- The booking write as one server-side call: one round trip instead of BEGIN, lock, statement and
-- COMMIT from the API (each round trip costs the API more CPU than the rows cost PostgreSQL, see
-- packages/booking/BENCHMARK.md). Called as a single statement, it is its own transaction: a raised
-- error undoes every place taken before it.
--
-- Refusals are raised with their own SQLSTATEs so the API can name them:
--   TB001  the contact reached the tenant's per-day limit
--   TB002  one of the slots the service needs is full
CREATE FUNCTION termin_book_appointment(
  p_id uuid, p_tenant uuid, p_location uuid, p_service uuid,
  p_starts_at timestamptz, p_ends_at timestamptz, p_slot_starts timestamptz[],
  p_booking_code text, p_qr_code uuid, p_score smallint,
  p_name text, p_email text, p_phone text, p_sms_opt_in boolean, p_language "Language",
  p_contact_hash text, p_idempotency_key text, p_now timestamptz,
  p_day_start timestamptz, p_day_end timestamptz, p_max_per_day int,
  p_outbox_id uuid, p_outbox_payload jsonb
) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
  same_day int;
  taken uuid[];
BEGIN
  -- Serialises one contact's bookings, so the per-day count below cannot be raced. Each later
  -- statement of this (volatile) function takes a new snapshot, so the count sees every booking
  -- of the contact that committed while we waited.
  PERFORM pg_advisory_xact_lock(hashtextextended('booking:' || p_tenant::text || ':' || p_contact_hash, 0));

  SELECT count(*) INTO same_day FROM "Appointment"
  WHERE "tenantId" = p_tenant AND "contactHash" = p_contact_hash AND status <> 'CANCELLED'
    AND "startsAt" >= p_day_start AND "startsAt" < p_day_end;
  IF same_day >= p_max_per_day THEN
    RAISE EXCEPTION 'booking_limit_reached' USING ERRCODE = 'TB001';
  END IF;

  -- One place on every slot the service needs, each only while one is left (the CHECK constraint
  -- booked <= capacity backs this up).
  WITH t AS (
    UPDATE "TimeSlot" SET booked = booked + 1
    WHERE "locationId" = p_location AND "startsAt" = ANY (p_slot_starts) AND booked < capacity
    RETURNING id
  )
  SELECT array_agg(id) INTO taken FROM t;
  IF coalesce(cardinality(taken), 0) < cardinality(p_slot_starts) THEN
    RAISE EXCEPTION 'slot_full' USING ERRCODE = 'TB002';
  END IF;

  INSERT INTO "Appointment" (id, "tenantId", "locationId", "serviceId", "startsAt", "endsAt", status, "bookingCode", "qrCode",
    "noShowScore", "citizenName", "citizenEmail", "citizenPhone", "smsOptIn", language, "contactHash", "idempotencyKey",
    "bookedAt", "updatedAt")
  VALUES (p_id, p_tenant, p_location, p_service, p_starts_at, p_ends_at, 'PENDING', p_booking_code, p_qr_code,
    p_score, p_name, p_email, p_phone, p_sms_opt_in, p_language, p_contact_hash, p_idempotency_key, p_now, p_now);

  INSERT INTO "AppointmentSlot" ("appointmentId", "slotId") SELECT p_id, unnest(taken);

  INSERT INTO "OutboxEvent" (id, type, payload) VALUES (p_outbox_id, 'appointment.booked', p_outbox_payload);

  INSERT INTO "ContactHistory" ("tenantId", "contactHash", appointments, "noShows", "lastSeenAt")
  VALUES (p_tenant, p_contact_hash, 1, 0, p_now)
  ON CONFLICT ("tenantId", "contactHash")
  DO UPDATE SET appointments = "ContactHistory".appointments + 1, "lastSeenAt" = EXCLUDED."lastSeenAt";
END;
$$;
