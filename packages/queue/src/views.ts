import type { Prisma } from '@termin/db';
import type { QueueEntryView } from '@termin/contracts';
import { scoreBand, type QueueEntry as OrderableEntry } from '@termin/domain';

/** The relations a staff view of an entry needs, fetched in one query. */
export const entryInclude = {
  service: { select: { id: true, nameDe: true, nameEn: true } },
  counter: { select: { id: true, name: true } },
  appointment: { select: { id: true, startsAt: true, citizenName: true, noShowScore: true } },
} satisfies Prisma.QueueEntryInclude;

export type EntryRow = Prisma.QueueEntryGetPayload<{ include: typeof entryInclude }>;

export function toEntryView(row: Omit<EntryRow, 'localDate'>, position: number | null = null): QueueEntryView {
  return {
    id: row.id,
    locationId: row.locationId,
    ticketNumber: row.ticketNumber,
    kind: row.kind,
    status: row.status,
    service: row.service,
    counter: row.counter,
    checkedInAt: row.checkedInAt.toISOString(),
    calledAt: row.calledAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    recallCount: row.recallCount,
    visitNote: row.visitNote,
    position,
    appointment: row.appointment
      ? {
          id: row.appointment.id,
          startsAt: row.appointment.startsAt.toISOString(),
          citizenName: row.appointment.citizenName,
          noShowRisk: scoreBand(row.appointment.noShowScore),
        }
      : null,
  };
}

/** The fields the domain's queue order looks at. */
export function orderable(row: {
  id: string;
  kind: 'APPOINTMENT' | 'WALK_IN';
  checkedInAt: Date;
  serviceId: string;
  appointment: { startsAt: Date } | null;
}): OrderableEntry {
  return { id: row.id, kind: row.kind, checkedInAt: row.checkedInAt, serviceId: row.serviceId, appointmentStartsAt: row.appointment?.startsAt ?? null };
}
