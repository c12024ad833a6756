import type { AdminEmergencyClosure, AdminEmergencyClosureRequest } from '@termin/contracts';
import { recordAudit } from '@termin/db';
import { addDaysToLocalDate, localDateOf, localTimeOf, NotFoundError, startOfLocalDayUtc } from '@termin/domain';
import { parseOutboxEvent } from '@termin/jobs';
import { STEP_FROM_STATES } from '../lifecycle';
import { ADMIN_TX, assertLocationOf, bumpRules, requestAll, type AdminActor, type AdminDeps } from './context';

/**
 * The lifecycle's cancel step, set-based: one UPDATE for the whole day, from the same from-states
 * (not yet in the building) as a citizen's own cancellation.
 */
const CANCELLABLE: string[] = [...STEP_FROM_STATES.cancel];

/**
 * The office closes for the rest of today, on purpose: a closure for today, and every open
 * appointment (pending or confirmed) from now to the end of the local day is cancelled in one
 * transaction with its 'appointment.cancelled' outbox event, so the worker sends each citizen one
 * cancellation message (the message's dedupe key makes it once). Checked-in citizens are in the
 * building and are left to the staff.
 */
export async function emergencyClosure(deps: AdminDeps, actor: AdminActor, locationId: string, input: AdminEmergencyClosureRequest): Promise<AdminEmergencyClosure> {
  assertLocationOf(actor, locationId);
  const location = await deps.db.location.findFirst({ where: { id: locationId, tenantId: actor.tenantId }, select: { timezone: true } });
  if (!location) throw new NotFoundError('location_not_found');
  const now = deps.now();
  const today = localDateOf(now, location.timezone);
  const dayEnd = startOfLocalDayUtc(addDaysToLocalDate(today, 1), location.timezone);

  const result = await deps.db.$transaction(async (tx) => {
    const closure = await tx.closure.create({
      data: { locationId, date: new Date(`${today}T00:00:00Z`), reason: input.reason, reasonEn: input.reasonEn },
    });
    // The status condition makes a concurrent cancellation by the citizen and this one exclusive.
    const cancelled = await tx.$queryRaw<{ id: string; sequence: number }[]>`
      UPDATE "Appointment" SET status = 'CANCELLED', "cancelledAt" = ${now}, "cancelledBy" = 'OFFICE', sequence = sequence + 1, "updatedAt" = ${now}
      WHERE "locationId" = ${locationId}::uuid AND "tenantId" = ${actor.tenantId}::uuid
        AND status::text = ANY(${CANCELLABLE}::text[]) AND "startsAt" >= ${now} AND "startsAt" < ${dayEnd}
      RETURNING id, sequence`;
    const ids = cancelled.map((c) => c.id);
    if (ids.length > 0) {
      await tx.$executeRaw`
        UPDATE "TimeSlot" t SET booked = t.booked - h.n
        FROM (SELECT "slotId", count(*)::int AS n FROM "AppointmentSlot" WHERE "appointmentId" = ANY(${ids}::uuid[]) GROUP BY "slotId") h
        WHERE t.id = h."slotId"`;
      await tx.appointmentSlot.deleteMany({ where: { appointmentId: { in: ids } } });
      await tx.outboxEvent.createMany({
        data: cancelled.map((c) => ({
          type: 'appointment.cancelled',
          payload: parseOutboxEvent('appointment.cancelled', { appointmentId: c.id, sequence: c.sequence }),
        })),
      });
    }
    await recordAudit(tx, actor, {
      action: 'location.emergency_closure',
      entityType: 'Closure',
      entityId: closure.id,
      locationId,
      details: { date: today, cancelled: ids.length },
    });
    const rows = await tx.appointment.findMany({
      where: { id: { in: ids } },
      select: { bookingCode: true, startsAt: true, serviceId: true, service: { select: { nameDe: true, nameEn: true } } },
      orderBy: { startsAt: 'asc' },
    });
    return { closureId: closure.id, rows, publish: await bumpRules(tx, [locationId]) };
  }, ADMIN_TX);
  await requestAll(deps, result.publish);
  return {
    date: today,
    closureId: result.closureId,
    cancelled: result.rows.map((a) => ({
      bookingCode: a.bookingCode,
      startsAt: a.startsAt.toISOString(),
      localDate: localDateOf(a.startsAt, location.timezone),
      localTime: localTimeOf(a.startsAt, location.timezone),
      serviceId: a.serviceId,
      serviceNameDe: a.service.nameDe,
      serviceNameEn: a.service.nameEn,
    })),
  };
}
