import type { DayStatus, NoShowReason, TodayAppointments } from '@termin/contracts';
import { addDaysToLocalDate, localDateOf, noShowScore, NotFoundError, scoreBand, startOfLocalDayUtc } from '@termin/domain';
import type { QueueDeps } from './types';

/** The appointment's status and its ticket's, seen from the counter. */
function dayStatus(status: string, entryStatus: string | null): DayStatus {
  if (status === 'CANCELLED') return 'cancelled';
  if (status === 'NOSHOW' || entryStatus === 'NOSHOW') return 'no_show';
  if (status === 'DONE' || entryStatus === 'DONE') return 'done';
  if (entryStatus === 'CALLED') return 'called';
  if (status === 'CHECKED_IN') return 'present';
  return 'expected';
}

/**
 * Why the booking's score is what it is. Only the score is stored; the factors that follow from
 * the booking itself (notice, weekday, time of day) are recomputed exactly, and what is left of the
 * score came from the citizen's history or a rarely used service, which the booking judged then.
 */
export function noShowReasons(input: { score: number; bookedAt: Date; startsAt: Date; timezone: string }): NoShowReason[] {
  const known = noShowScore({ bookedAt: input.bookedAt, startsAt: input.startsAt, timezone: input.timezone, serviceRarelyUsed: false, history: { past: 0, noShows: 0 } });
  const reasons: NoShowReason[] = known.factors.map((f) => ({ code: f.code, points: f.points }));
  const knownRaw = known.factors.reduce((sum, f) => sum + f.points, 0);
  const rest = input.score - knownRaw;
  if (input.score > 0 && rest > 0) reasons.push({ code: 'HISTORY_OR_RARE_SERVICE', points: rest });
  return reasons;
}

/**
 * Today's appointments of a location (its local day), in time order, with what became of each
 * and the no-show risk. The caller has checked that the location is the user's.
 */
export async function todayAppointments(deps: Pick<QueueDeps, 'db' | 'now'>, input: { tenantId: string; locationId: string }): Promise<TodayAppointments> {
  const location = await deps.db.location.findFirst({ where: { id: input.locationId, tenantId: input.tenantId }, select: { timezone: true } });
  if (!location) throw new NotFoundError('location_not_found');
  const date = localDateOf(deps.now, location.timezone);
  const rows = await deps.db.appointment.findMany({
    where: {
      tenantId: input.tenantId,
      locationId: input.locationId,
      startsAt: { gte: startOfLocalDayUtc(date, location.timezone), lt: startOfLocalDayUtc(addDaysToLocalDate(date, 1), location.timezone) },
    },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      bookedAt: true,
      noShowScore: true,
      citizenName: true,
      service: { select: { id: true, nameDe: true, nameEn: true } },
      queueEntry: { select: { id: true, ticketNumber: true, status: true } },
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  });
  return {
    date,
    appointments: rows.map((row) => ({
      id: row.id,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      status: dayStatus(row.status, row.queueEntry?.status ?? null),
      citizenName: row.citizenName,
      service: row.service,
      ticketNumber: row.queueEntry?.ticketNumber ?? null,
      queueEntryId: row.queueEntry?.id ?? null,
      noShowRisk: {
        score: row.noShowScore,
        band: scoreBand(row.noShowScore),
        reasons: noShowReasons({ score: row.noShowScore, bookedAt: row.bookedAt, startsAt: row.startsAt, timezone: location.timezone }),
      },
    })),
  };
}
