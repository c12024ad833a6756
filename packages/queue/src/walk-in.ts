import { recordAudit, TX_OPTIONS } from '@termin/db';
import type { QueueEntryView } from '@termin/contracts';
import { localDateOf, NotFoundError } from '@termin/domain';
import type { QueueActor, QueueDeps } from './types';
import { dateColumn, nextTicketNumber } from './ticket-sequence';
import { entryInclude, toEntryView } from './views';

export interface WalkInInput {
  actor: QueueActor;
  locationId: string;
  serviceId: string;
}

/** A ticket for someone without an appointment, for a service the location offers. */
export async function createWalkIn(deps: QueueDeps, { actor, locationId, serviceId }: WalkInInput): Promise<QueueEntryView> {
  if (!actor.locationIds.includes(locationId)) throw new NotFoundError('location_not_found');
  const offer = await deps.db.locationService.findFirst({
    where: { locationId, serviceId, service: { tenantId: actor.tenantId, active: true }, location: { tenantId: actor.tenantId } },
    select: { service: { select: { ticketPrefix: true } }, location: { select: { timezone: true } } },
  });
  if (!offer) throw new NotFoundError('service_not_offered');

  const localDate = localDateOf(deps.now, offer.location.timezone);
  const entry = await deps.db.$transaction(async (tx) => {
    const ticketNumber = await nextTicketNumber(tx, locationId, localDate, offer.service.ticketPrefix);
    const created = await tx.queueEntry.create({
      data: { tenantId: actor.tenantId, locationId, serviceId, kind: 'WALK_IN', ticketNumber, localDate: dateColumn(localDate), checkedInAt: deps.now },
      include: entryInclude,
    });
    await recordAudit(tx, actor, { action: 'queue.walk_in', entityType: 'QueueEntry', entityId: created.id, locationId, details: { ticketNumber } });
    return created;
  }, TX_OPTIONS);

  await deps.publish?.({ type: 'changed', locationId });
  return toEntryView(entry);
}
