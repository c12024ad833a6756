import type { DbOrTx } from './client';
import { Prisma } from './generated/prisma/client';

export interface RetentionResult {
  anonymisedAppointments: number;
  /** Clerks' visit notes erased (walk-ins' too, which have no appointment). */
  erasedVisitNotes: number;
  forgottenContacts: number;
}

/** How long per-contact no-show counters live without a new booking. */
const CONTACT_HISTORY_DAYS = 365;

/** What anonymisation erases of an appointment, the same for the nightly run and an erasure request. */
const ERASED_CONTACT = Prisma.sql`"citizenName" = NULL, "citizenEmail" = NULL, "citizenPhone" = NULL, "idempotencyKey" = NULL`;

/**
 * An erased appointment's contact hash: unique and random, so the appointment still counts in the
 * statistics but no e-mail address leads to it any more. The prefix is never a hash (64 hex digits).
 */
export const ERASED_CONTACT_HASH_PREFIX = 'erased-';

/**
 * Data minimisation on schedule: once an appointment ended more than the tenant's retention period
 * ago, the citizen's name, email and phone are erased (statistics keep status, service and times).
 * The clerk's visit notes go after the same period, counted from the day of the visit.
 * Per-contact counters (keyed by a hash, no plain data) are dropped after a year without bookings.
 * Every run is recorded per tenant with what it erased (counts only), for the admin's data-protection page.
 * One set-based statement, so a run over millions of rows stays cheap and records exactly what it did.
 */
export async function applyRetention(db: DbOrTx, now = new Date()): Promise<RetentionResult> {
  const [totals] = await db.$queryRaw<{ anonymised: number; forgotten: number }[]>`
    WITH anonymised AS (
      UPDATE "Appointment" a
         SET ${ERASED_CONTACT}, "anonymisedAt" = ${now}
        FROM "Tenant" t
       WHERE t.id = a."tenantId"
         AND a."anonymisedAt" IS NULL
         AND a."endsAt" < ${now}::timestamptz - make_interval(days => t."dataRetentionDays")
      RETURNING a."tenantId"
    ), forgotten AS (
      DELETE FROM "ContactHistory"
       WHERE "lastSeenAt" < ${now}::timestamptz - make_interval(days => ${CONTACT_HISTORY_DAYS})
      RETURNING "tenantId"
    ), runs AS (
      INSERT INTO "RetentionRun" (id, "tenantId", "ranAt", "anonymisedAppointments", "forgottenContacts")
      SELECT gen_random_uuid(), t.id, ${now}, coalesce(a.n, 0), coalesce(f.n, 0)
        FROM "Tenant" t
        LEFT JOIN (SELECT "tenantId", count(*)::int AS n FROM anonymised GROUP BY 1) a ON a."tenantId" = t.id
        LEFT JOIN (SELECT "tenantId", count(*)::int AS n FROM forgotten GROUP BY 1) f ON f."tenantId" = t.id
      RETURNING "anonymisedAppointments", "forgottenContacts"
    )
    SELECT coalesce(sum("anonymisedAppointments"), 0)::int AS anonymised, coalesce(sum("forgottenContacts"), 0)::int AS forgotten FROM runs`;
  // The clerks' notes on visits (staff only) go after the same period, walk-ins' too.
  const erasedVisitNotes = await db.$executeRaw`
    UPDATE "QueueEntry" q
       SET "visitNote" = NULL
      FROM "Tenant" t
     WHERE t.id = q."tenantId"
       AND q."visitNote" IS NOT NULL
       AND q."localDate" < (${now}::timestamptz - make_interval(days => t."dataRetentionDays"))::date`;
  return { anonymisedAppointments: totals?.anonymised ?? 0, erasedVisitNotes, forgottenContacts: totals?.forgotten ?? 0 };
}

/**
 * Erases the contact data of these appointments at once (an erasure request, DSGVO Art. 17): the
 * fields the nightly run erases, and the contact hash too, since the person asked to be forgotten.
 * Status, service, location and times stay, so the statistics do not change.
 */
export async function anonymiseAppointments(tx: DbOrTx, appointmentIds: readonly string[], now: Date): Promise<number> {
  if (appointmentIds.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE "Appointment"
       SET ${ERASED_CONTACT}, "contactHash" = ${ERASED_CONTACT_HASH_PREFIX} || gen_random_uuid()::text,
           "anonymisedAt" = coalesce("anonymisedAt", ${now}), "updatedAt" = ${now}
     WHERE id = ANY(${appointmentIds as string[]}::uuid[])`;
}

export interface RetentionRunView {
  ranAt: string;
  anonymisedAppointments: number;
  forgottenContacts: number;
}

/** The tenant's most recent retention runs, newest first. */
export async function listRetentionRuns(db: DbOrTx, tenantId: string, limit = 10): Promise<RetentionRunView[]> {
  const rows = await db.retentionRun.findMany({ where: { tenantId }, orderBy: { ranAt: 'desc' }, take: limit });
  return rows.map((r) => ({ ranAt: r.ranAt.toISOString(), anonymisedAppointments: r.anonymisedAppointments, forgottenContacts: r.forgottenContacts }));
}
