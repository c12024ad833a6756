import type { AffectedAppointment } from '@termin/contracts';
import type { DbOrTx } from '@termin/db';
import { addDaysToLocalDate, localDateOf, localTimeOf, reconcileSlots, startOfLocalDayUtc, type GeneratedSlot } from '@termin/domain';
import { slotsFromRules, type SlotRules } from '../slots-service';

export interface SlotImpact {
  generated: GeneratedSlot[];
  created: number;
  removed: number;
  /** Appointments on slots the rules would remove or shrink below their bookings. */
  affected: AffectedAppointment[];
}

const keyOf = (s: { startsAt: Date; endsAt: Date }) => `${s.startsAt.getTime()}/${s.endsAt.getTime()}`;

/**
 * What publishing `rules` between two local dates would do to the stored slots, without changing
 * anything. Slots that already started are history and not counted.
 */
export async function slotImpact(db: DbOrTx, locationId: string, rules: SlotRules, from: string, to: string, now: Date): Promise<SlotImpact> {
  const generated = slotsFromRules(rules, from, to).filter((s) => s.startsAt >= now);
  const rangeStart = startOfLocalDayUtc(from, rules.timezone);
  const rangeEnd = startOfLocalDayUtc(addDaysToLocalDate(to, 1), rules.timezone);
  const existing = await db.timeSlot.findMany({
    where: { locationId, startsAt: { gte: rangeStart > now ? rangeStart : now, lt: rangeEnd } },
    select: { id: true, startsAt: true, endsAt: true, capacity: true, booked: true },
  });
  const plan = reconcileSlots(existing, generated);
  const wanted = new Map(generated.map((s) => [keyOf(s), s.capacity]));
  const hit = existing.filter((s) => s.booked > 0 && (wanted.get(keyOf(s)) ?? 0) < s.booked).map((s) => s.id);

  const appointments =
    hit.length === 0
      ? []
      : await db.appointment.findMany({
          where: { locationId, status: { not: 'CANCELLED' }, slots: { some: { slotId: { in: hit } } } },
          select: { bookingCode: true, startsAt: true, serviceId: true, service: { select: { nameDe: true, nameEn: true } } },
          orderBy: { startsAt: 'asc' },
        });
  return {
    generated,
    created: plan.create.length,
    removed: plan.remove.length,
    affected: appointments.map((a) => ({
      bookingCode: a.bookingCode,
      startsAt: a.startsAt.toISOString(),
      localDate: localDateOf(a.startsAt, rules.timezone),
      localTime: localTimeOf(a.startsAt, rules.timezone),
      serviceId: a.serviceId,
      serviceNameDe: a.service.nameDe,
      serviceNameEn: a.service.nameEn,
    })),
  };
}

/** Today (in the location's zone) and the last day of the tenant's booking horizon. */
export function horizonOf(timezone: string, horizonDays: number, now: Date): { from: string; to: string } {
  const from = localDateOf(now, timezone);
  return { from, to: addDaysToLocalDate(from, horizonDays) };
}
