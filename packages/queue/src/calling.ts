import { transition as moveAppointment } from '@termin/booking';
import { recordAudit, TX_OPTIONS, type Prisma, type QueueEntryStatus, type Tx } from '@termin/db';
import type { QueueEntryView } from '@termin/contracts';
import { ConflictError, localDateOf, NotFoundError, orderQueue } from '@termin/domain';
import { counterStateOf } from './counters';
import { DEFAULT_DUE_WINDOW_MINUTES, type QueueActor, type QueueDeps } from './types';
import { localToday } from './snapshot';
import { entryInclude, orderable, toEntryView, type EntryRow } from './views';

/** The counter that calls: it must be open; a paused or closed one is refused (409) until the clerk opens it again. */
async function activeCounter(deps: QueueDeps, locationId: string, counterId: string) {
  const counter = await deps.db.counter.findFirst({
    where: { id: counterId, locationId, active: true },
    select: { id: true, name: true, pausedAt: true, closedOn: true, location: { select: { timezone: true } }, services: { select: { serviceId: true } } },
  });
  if (!counter) throw new NotFoundError('counter_not_found');
  const state = counterStateOf(counter, localDateOf(deps.now, counter.location.timezone));
  if (state !== 'open') throw new ConflictError(state === 'paused' ? 'counter_paused' : 'counter_closed');
  return { id: counter.id, name: counter.name, services: counter.services };
}

/**
 * The services a call at this counter may take: those the admin gave the counter, narrowed by the
 * clerk's own choice. A counter without any configured service serves every service (a fresh office
 * works before anyone assigns services); undefined means "all".
 */
export function servedServices(counterServices: readonly string[], chosen: readonly string[] | undefined): string[] | undefined {
  if (counterServices.length === 0) return chosen ? [...chosen] : undefined;
  if (!chosen) return [...counterServices];
  const served = new Set(counterServices);
  return chosen.filter((id) => served.has(id));
}

/** An entry of the actor's tenant at one of their locations; everything else looks absent. */
async function scopedEntry(deps: QueueDeps, actor: QueueActor, id: string) {
  const entry = await deps.db.queueEntry.findFirst({ where: { id, tenantId: actor.tenantId } });
  if (!entry || !actor.locationIds.includes(entry.locationId)) throw new NotFoundError('queue_entry_not_found');
  return entry;
}

function calledEvent(entry: EntryRow) {
  return { type: 'called' as const, locationId: entry.locationId, queueEntryId: entry.id, ticket: entry.ticketNumber, counter: entry.counter?.name ?? '' };
}

export interface CallNextInput {
  actor: QueueActor;
  locationId: string;
  counterId: string;
  serviceIds?: string[];
}

const READ_ATTEMPTS = 5;

/**
 * Calls the next citizen to a counter: the domain's `orderQueue` decides (due appointments first,
 * then first come, first served), and a conditional update claims an entry only while it is still
 * WAITING. A lost claim means another counter just took that person, so this counter moves on to the
 * next in line: two counters never get the same person, and each attempt makes progress. Only
 * entries of the services the counter serves (`servedServices`) are taken. Returns null when nobody
 * this counter serves is waiting.
 */
export async function callNext(deps: QueueDeps, input: CallNextInput): Promise<QueueEntryView | null> {
  const { actor, locationId } = input;
  if (!actor.locationIds.includes(locationId)) throw new NotFoundError('location_not_found');
  const counter = await activeCounter(deps, locationId, input.counterId);
  const localDate = await localToday(deps.db, locationId, deps.now);
  const serviceIds = servedServices(
    counter.services.map((s) => s.serviceId),
    input.serviceIds,
  );
  if (serviceIds?.length === 0) return null;
  const options = { dueWindowMinutes: deps.dueWindowMinutes ?? DEFAULT_DUE_WINDOW_MINUTES, ...(serviceIds ? { serviceIds } : {}) };

  for (let read = 0; read < READ_ATTEMPTS; read++) {
    const waiting = await deps.db.queueEntry.findMany({
      where: { locationId, localDate, status: 'WAITING', ...(serviceIds ? { serviceId: { in: serviceIds } } : {}) },
      select: { id: true, kind: true, checkedInAt: true, serviceId: true, appointment: { select: { startsAt: true } } },
    });
    const candidates = orderQueue(waiting.map(orderable), deps.now, options);
    if (candidates.length === 0) return null;
    for (const candidate of candidates) {
      const called = await claim(deps, actor, candidate.id, counter.id, locationId);
      if (called) {
        await deps.publish?.(calledEvent(called));
        return toEntryView(called);
      }
    }
  }
  throw new ConflictError('queue_busy');
}

async function claim(deps: QueueDeps, actor: QueueActor, id: string, counterId: string, locationId: string): Promise<EntryRow | null> {
  return deps.db.$transaction(async (tx) => {
    const claimed = await tx.queueEntry.updateMany({
      where: { id, status: 'WAITING' },
      data: { status: 'CALLED', counterId, calledAt: deps.now },
    });
    if (claimed.count !== 1) return null;
    const entry = await tx.queueEntry.findUniqueOrThrow({ where: { id }, include: entryInclude });
    await recordAudit(tx, actor, {
      action: 'queue.call_next',
      entityType: 'QueueEntry',
      entityId: id,
      locationId,
      details: { ticketNumber: entry.ticketNumber, counterId },
    });
    return entry;
  }, TX_OPTIONS);
}

interface Transition {
  from: QueueEntryStatus[];
  action: string;
  data: Prisma.QueueEntryUpdateManyMutationInput & { counterId?: string | null };
  /** Further writes of the same transaction (the appointment, the contact history). */
  also?: (tx: Tx, entry: { appointmentId: string | null; tenantId: string }) => Promise<void>;
  details?: Record<string, string>;
}

/** Moves one entry from an allowed status, audited; a stale or repeated click gets a 409 and changes nothing. */
async function transition(deps: QueueDeps, actor: QueueActor, id: string, t: Transition): Promise<EntryRow> {
  const entry = await scopedEntry(deps, actor, id);
  const row = await deps.db.$transaction(async (tx) => {
    const moved = await tx.queueEntry.updateMany({ where: { id, status: { in: t.from } }, data: t.data });
    if (moved.count !== 1) throw new ConflictError('queue_entry_wrong_status', { status: entry.status });
    await t.also?.(tx, entry);
    const updated = await tx.queueEntry.findUniqueOrThrow({ where: { id }, include: entryInclude });
    await recordAudit(tx, actor, {
      action: t.action,
      entityType: 'QueueEntry',
      entityId: id,
      locationId: entry.locationId,
      details: { ticketNumber: entry.ticketNumber, ...t.details },
    });
    return updated;
  }, TX_OPTIONS);
  return row;
}

export interface EntryActionInput {
  actor: QueueActor;
  queueEntryId: string;
}

/** Calls one particular waiting ticket (a citizen who needs help first, say). */
export async function callTicket(deps: QueueDeps, input: EntryActionInput & { counterId: string }): Promise<QueueEntryView> {
  const entry = await scopedEntry(deps, input.actor, input.queueEntryId);
  const counter = await activeCounter(deps, entry.locationId, input.counterId);
  const row = await transition(deps, input.actor, input.queueEntryId, {
    from: ['WAITING'],
    action: 'queue.call_ticket',
    data: { status: 'CALLED', counterId: counter.id, calledAt: deps.now },
    details: { counterId: counter.id },
  });
  await deps.publish?.(calledEvent(row));
  return toEntryView(row);
}

/** Calls the same ticket again (shown and announced once more). */
export async function recall(deps: QueueDeps, input: EntryActionInput): Promise<QueueEntryView> {
  const row = await transition(deps, input.actor, input.queueEntryId, {
    from: ['CALLED'],
    action: 'queue.recall',
    data: { recallCount: { increment: 1 }, calledAt: deps.now },
  });
  await deps.publish?.(calledEvent(row));
  return toEntryView(row);
}

/** Served: the entry and its appointment are DONE (an appointment not checked in is refused, 409, changing nothing). */
export async function complete(deps: QueueDeps, input: EntryActionInput): Promise<QueueEntryView> {
  const row = await transition(deps, input.actor, input.queueEntryId, {
    from: ['CALLED'],
    action: 'queue.complete',
    data: { status: 'DONE', completedAt: deps.now },
    also: async (tx, entry) => {
      if (!entry.appointmentId) return;
      await moveAppointment(tx, { appointmentId: entry.appointmentId, step: 'complete', data: { completedAt: deps.now } });
    },
  });
  await deps.publish?.({ type: 'changed', locationId: row.locationId });
  return toEntryView(row);
}

/**
 * Did not come when called: the entry and appointment become NOSHOW and the citizen's no-show
 * history (by contact hash, never by name) counts one more.
 */
export async function markNoShow(deps: QueueDeps, input: EntryActionInput): Promise<QueueEntryView> {
  const row = await transition(deps, input.actor, input.queueEntryId, {
    from: ['CALLED', 'WAITING'],
    action: 'queue.no_show',
    data: { status: 'NOSHOW', completedAt: deps.now },
    also: async (tx, entry) => {
      if (!entry.appointmentId) return;
      await moveAppointment(tx, { appointmentId: entry.appointmentId, step: 'no_show' });
      const appointment = await tx.appointment.findUniqueOrThrow({ where: { id: entry.appointmentId }, select: { contactHash: true } });
      await tx.contactHistory.upsert({
        where: { tenantId_contactHash: { tenantId: entry.tenantId, contactHash: appointment.contactHash } },
        create: { tenantId: entry.tenantId, contactHash: appointment.contactHash, noShows: 1, lastSeenAt: deps.now },
        update: { noShows: { increment: 1 }, lastSeenAt: deps.now },
      });
    },
  });
  await deps.publish?.({ type: 'changed', locationId: row.locationId });
  return toEntryView(row);
}

/** Sends a called citizen back to the waiting room, to the end of the line (e.g. a missing document). */
export async function requeue(deps: QueueDeps, input: EntryActionInput): Promise<QueueEntryView> {
  const row = await transition(deps, input.actor, input.queueEntryId, {
    from: ['CALLED'],
    action: 'queue.requeue',
    data: { status: 'WAITING', counterId: null, calledAt: null, checkedInAt: deps.now },
  });
  await deps.publish?.({ type: 'changed', locationId: row.locationId });
  return toEntryView(row);
}
