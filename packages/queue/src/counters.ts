import { recordAudit, TX_OPTIONS, type Db } from '@termin/db';
import type { CounterState } from '@termin/contracts';
import { localDateOf, NotFoundError } from '@termin/domain';
import type { QueueActor, QueueDeps } from './types';
import { dateColumn } from './ticket-sequence';

export interface CounterView {
  id: string;
  name: string;
  state: CounterState;
}

// "Schalter 10" after "Schalter 9", as people count.
const byName = new Intl.Collator('de', { numeric: true });

/** Paused until resumed; closed only on the day it was closed (the next morning it is open again). */
export function counterStateOf(row: { pausedAt: Date | null; closedOn: Date | null }, localDate: string): CounterState {
  if (row.closedOn && row.closedOn.toISOString().slice(0, 10) === localDate) return 'closed';
  return row.pausedAt ? 'paused' : 'open';
}

/** The open counters of a location of the tenant, in natural name order, each with its state today (none for another tenant's location). */
export async function activeCounters(db: Db, input: { tenantId: string; locationId: string; now?: Date }): Promise<CounterView[]> {
  const rows = await db.counter.findMany({
    where: { locationId: input.locationId, active: true, location: { tenantId: input.tenantId } },
    select: { id: true, name: true, pausedAt: true, closedOn: true, location: { select: { timezone: true } } },
  });
  const views = rows.map((row) => ({ id: row.id, name: row.name, state: counterStateOf(row, localDateOf(input.now ?? new Date(), row.location.timezone)) }));
  return views.sort((a, b) => byName.compare(a.name, b.name));
}

export interface CounterStateInput {
  actor: QueueActor;
  locationId: string;
  counterId: string;
  state: CounterState;
}

/**
 * The clerk pauses their counter, closes it for the rest of the day, or opens it again. Call-next
 * and calling a ticket refuse a paused or closed counter; the change is audited and announced so
 * every open dashboard shows it.
 */
export async function setCounterState(deps: QueueDeps, input: CounterStateInput): Promise<CounterView> {
  const { actor, locationId, counterId, state } = input;
  if (!actor.locationIds.includes(locationId)) throw new NotFoundError('location_not_found');
  const location = await deps.db.location.findFirst({ where: { id: locationId, tenantId: actor.tenantId }, select: { timezone: true } });
  if (!location) throw new NotFoundError('location_not_found');
  const localDate = localDateOf(deps.now, location.timezone);
  const data =
    state === 'open'
      ? { pausedAt: null, closedOn: null }
      : state === 'paused'
        ? { pausedAt: deps.now, closedOn: null }
        : { pausedAt: null, closedOn: dateColumn(localDate) };
  const row = await deps.db.$transaction(async (tx) => {
    const [updated] = await tx.counter.updateManyAndReturn({
      where: { id: counterId, locationId, active: true },
      data,
      select: { id: true, name: true, pausedAt: true, closedOn: true },
    });
    if (!updated) throw new NotFoundError('counter_not_found');
    await recordAudit(tx, actor, {
      action: `counter.${state === 'open' ? 'open' : state === 'paused' ? 'pause' : 'close_for_day'}`,
      entityType: 'Counter',
      entityId: counterId,
      locationId,
    });
    return updated;
  }, TX_OPTIONS);
  await deps.publish?.({ type: 'changed', locationId });
  return { id: row.id, name: row.name, state: counterStateOf(row, localDate) };
}
