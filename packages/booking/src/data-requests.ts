import type { DataErasureResponse, DataSubjectQuery, DataSubjectReport, RetentionRunsResponse } from '@termin/contracts';
import { anonymiseAppointments, ERASED_CONTACT_HASH_PREFIX, listRetentionRuns, recordAudit, TX_OPTIONS, type AuditActor, type Db, type DbOrTx } from '@termin/db';
import { ConflictError, contactHash, normaliseBookingCode, normaliseEmail, NotFoundError, ValidationError } from '@termin/domain';

/*
 * Data-protection requests (DSGVO Art. 15 and 17), handled by an admin of the person's municipality.
 * A person is who booked with one e-mail address: the booking's keyed contact hash, in one tenant.
 * They are found by that hash (never by scanning plain text); another municipality's bookings with
 * the same address are another controller's data and answer like an unknown person.
 */

export interface DataRequestDeps {
  db: Db;
  now: () => Date;
  /** The key of the contact hash: the same secret the bookings were made with. */
  contactHashSecret: string;
}

/** Statuses of an appointment still ahead: erasing it would leave a booking no one can be told about. */
const STILL_AHEAD = ['PENDING', 'CONFIRMED', 'CHECKED_IN'] as const;

interface Subject {
  tenantId: string;
  hash: string;
}

/** The person a request names, in the admin's tenant; 404 if nothing of theirs is stored there. */
async function findSubject(deps: DataRequestDeps, db: DbOrTx, actor: AuditActor, query: DataSubjectQuery): Promise<Subject> {
  const tenantId = actor.tenantId;
  let hash: string | undefined;
  if (query.by === 'email') {
    hash = contactHash(deps.contactHashSecret, normaliseEmail(query.email));
  } else {
    const bookingCode = normaliseBookingCode(query.bookingCode);
    if (!bookingCode) throw new ValidationError([{ field: 'bookingCode', code: 'field_booking_code' }], 'booking_code_invalid');
    hash = (await db.appointment.findFirst({ where: { bookingCode, tenantId }, select: { contactHash: true } }))?.contactHash;
    // An erased booking's code leads nowhere: the person behind it is gone.
    if (hash?.startsWith(ERASED_CONTACT_HASH_PREFIX)) hash = undefined;
  }
  if (hash) {
    const [appointments, history] = await Promise.all([
      db.appointment.count({ where: { tenantId, contactHash: hash } }),
      db.contactHistory.count({ where: { tenantId, contactHash: hash } }),
    ]);
    if (appointments + history > 0) return { tenantId, hash };
  }
  throw new NotFoundError('data_subject_not_found');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];

async function report(deps: DataRequestDeps, db: DbOrTx, subject: Subject): Promise<DataSubjectReport> {
  const now = deps.now();
  const [tenant, rows, history] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: subject.tenantId }, select: { name: true, dataRetentionDays: true, timezone: true } }),
    db.appointment.findMany({
      where: { tenantId: subject.tenantId, contactHash: subject.hash },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      include: {
        location: { select: { id: true, name: true, address: true, timezone: true } },
        service: { select: { id: true, nameDe: true, nameEn: true } },
        queueEntry: { select: { ticketNumber: true } },
        notifications: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      },
    }),
    db.contactHistory.findUnique({ where: { tenantId_contactHash: { tenantId: subject.tenantId, contactHash: subject.hash } } }),
  ]);
  return {
    generatedAt: now.toISOString(),
    municipality: tenant,
    contact: { names: distinct(rows.map((r) => r.citizenName)), emails: distinct(rows.map((r) => r.citizenEmail)), phones: distinct(rows.map((r) => r.citizenPhone)) },
    appointments: rows.map((r) => ({
      id: r.id,
      bookingCode: r.bookingCode,
      status: r.status,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      timezone: r.location.timezone,
      location: { id: r.location.id, name: r.location.name, address: r.location.address },
      service: r.service,
      citizenName: r.citizenName,
      citizenEmail: r.citizenEmail,
      citizenPhone: r.citizenPhone,
      smsOptIn: r.smsOptIn,
      language: r.language,
      noShowScore: r.noShowScore,
      ticketNumber: r.queueEntry?.ticketNumber ?? null,
      bookedAt: r.bookedAt.toISOString(),
      confirmedAt: iso(r.confirmedAt),
      checkedInAt: iso(r.checkedInAt),
      cancelledAt: iso(r.cancelledAt),
      completedAt: iso(r.completedAt),
      anonymisedAt: iso(r.anonymisedAt),
      notifications: r.notifications.map((n) => ({
        channel: n.channel,
        kind: n.kind,
        status: n.status,
        attempts: n.attempts,
        reason: n.reason,
        createdAt: n.createdAt.toISOString(),
        sentAt: iso(n.sentAt),
      })),
    })),
    contactHistory: history ? { appointments: history.appointments, noShows: history.noShows, lastSeenAt: history.lastSeenAt.toISOString() } : null,
    openAppointments: rows.filter((r) => (STILL_AHEAD as readonly string[]).includes(r.status) && r.endsAt > now).length,
  };
}

/** Everything stored about the person; the look-up itself is audited (who looked, how much, never whom). */
async function disclose(deps: DataRequestDeps, actor: AuditActor, query: DataSubjectQuery, action: 'data_request.view' | 'data_request.export') {
  return deps.db.$transaction(async (tx) => {
    const found = await report(deps, tx, await findSubject(deps, tx, actor, query));
    await recordAudit(tx, actor, { action, entityType: 'data_subject', details: { by: query.by, appointments: found.appointments.length } });
    return found;
  }, TX_OPTIONS);
}

export function createDataRequests(deps: DataRequestDeps) {
  return {
    /** DSGVO Art. 15: what is stored about the person, for the admin's screen. */
    find: (actor: AuditActor, query: DataSubjectQuery) => disclose(deps, actor, query, 'data_request.view'),
    /** The same, as the file handed to the person. */
    export: (actor: AuditActor, query: DataSubjectQuery) => disclose(deps, actor, query, 'data_request.export'),

    /**
     * DSGVO Art. 17: anonymises every appointment of the person (status, service, location and times
     * stay for the statistics), drops their per-person counters and the log of messages sent to them.
     * Refused (409) while an appointment is still ahead: it must be cancelled first, so the office is
     * not left with a booking it cannot reach anyone for. Runs under the contact's booking lock, so a
     * booking made at the same moment is either erased too or made after the erasure.
     */
    async erase(actor: AuditActor, query: DataSubjectQuery): Promise<DataErasureResponse> {
      return deps.db.$transaction(async (tx) => {
        const subject = await findSubject(deps, tx, actor, query);
        // The same advisory lock the booking function takes for this contact (termin_book_appointments).
        await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended('booking:' || ${subject.tenantId}::text || ':' || ${subject.hash}, 0))) l`;
        const now = deps.now();
        const rows = await tx.appointment.findMany({
          where: { tenantId: subject.tenantId, contactHash: subject.hash },
          select: { id: true, status: true, endsAt: true },
        });
        const ahead = rows.filter((r) => (STILL_AHEAD as readonly string[]).includes(r.status) && r.endsAt > now).length;
        if (ahead > 0) throw new ConflictError('data_subject_has_open_appointments', { count: ahead });
        const ids = rows.map((r) => r.id);
        const deletedNotifications = ids.length ? (await tx.notificationLog.deleteMany({ where: { appointmentId: { in: ids } } })).count : 0;
        const anonymisedAppointments = await anonymiseAppointments(tx, ids, now);
        const forgottenContacts = (await tx.contactHistory.deleteMany({ where: { tenantId: subject.tenantId, contactHash: subject.hash } })).count;
        const result = { anonymisedAppointments, deletedNotifications, forgottenContacts };
        await recordAudit(tx, actor, { action: 'data_request.erase', entityType: 'data_subject', details: { by: query.by, ...result } });
        return result;
      }, TX_OPTIONS);
    },

    /** The nightly retention job's recent runs in the admin's municipality (counts only). */
    async retentionRuns(actor: AuditActor): Promise<RetentionRunsResponse> {
      const [tenant, runs] = await Promise.all([
        deps.db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { dataRetentionDays: true, timezone: true } }),
        listRetentionRuns(deps.db, actor.tenantId, 14),
      ]);
      return { dataRetentionDays: tenant.dataRetentionDays, timezone: tenant.timezone, runs };
    },
  };
}

export type DataRequests = ReturnType<typeof createDataRequests>;
