import type { Db } from './client';

export interface RetentionResult {
  anonymisedAppointments: number;
  /** Clerks' visit notes erased (walk-ins' too, which have no appointment). */
  erasedVisitNotes: number;
  forgottenContacts: number;
}

/** How long per-contact no-show counters live without a new booking. */
const CONTACT_HISTORY_DAYS = 365;

/**
 * Data minimisation on schedule: once an appointment ended more than the tenant's retention period
 * ago, the citizen's name, email and phone are erased (statistics keep status, service and times).
 * The clerk's visit notes go after the same period, counted from the day of the visit.
 * Per-contact counters (keyed by a hash, no plain data) are dropped after a year without bookings.
 * Set-based SQL, so a run over millions of rows is a few statements.
 */
export async function applyRetention(db: Db, now = new Date()): Promise<RetentionResult> {
  const anonymisedAppointments = await db.$executeRaw`
    UPDATE "Appointment" a
       SET "citizenName" = NULL, "citizenEmail" = NULL, "citizenPhone" = NULL,
           "idempotencyKey" = NULL, "anonymisedAt" = ${now}
      FROM "Tenant" t
     WHERE t.id = a."tenantId"
       AND a."anonymisedAt" IS NULL
       AND a."endsAt" < ${now}::timestamptz - make_interval(days => t."dataRetentionDays")`;
  const erasedVisitNotes = await db.$executeRaw`
    UPDATE "QueueEntry" q
       SET "visitNote" = NULL
      FROM "Tenant" t
     WHERE t.id = q."tenantId"
       AND q."visitNote" IS NOT NULL
       AND q."localDate" < (${now}::timestamptz - make_interval(days => t."dataRetentionDays"))::date`;
  const forgottenContacts = await db.$executeRaw`
    DELETE FROM "ContactHistory"
     WHERE "lastSeenAt" < ${now}::timestamptz - make_interval(days => ${CONTACT_HISTORY_DAYS})`;
  return { anonymisedAppointments, erasedVisitNotes, forgottenContacts };
}
