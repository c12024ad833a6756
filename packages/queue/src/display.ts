import { recordAudit, TX_OPTIONS, type Db } from '@termin/db';
import type { DisplayBoard, DisplaySettings } from '@termin/contracts';
import { estimateWaitMinutes, NotFoundError, ValidationError } from '@termin/domain';
import type { QueueActor, QueueDeps } from './types';
import { localToday, serviceRate } from './snapshot';

export const DEFAULT_DISPLAY_SETTINGS: DisplaySettings = { recentCalls: 5, counterIds: [] };

async function ownLocation(db: Db, tenantId: string, locationId: string) {
  const location = await db.location.findFirst({
    where: { id: locationId, tenantId },
    select: { id: true, displaySettings: { select: { recentCalls: true, counterIds: true } } },
  });
  if (!location) throw new NotFoundError('location_not_found');
  return location;
}

/** The waiting-room display's settings of a location (the defaults until someone saved some). */
export async function displaySettings(db: Db, input: { tenantId: string; locationId: string }): Promise<DisplaySettings> {
  const location = await ownLocation(db, input.tenantId, input.locationId);
  return location.displaySettings ?? DEFAULT_DISPLAY_SETTINGS;
}

/**
 * Saves what the display shows. Every counter named must be one of the location's (a 400 naming
 * the field otherwise, saving nothing); the screens re-read their board on the announced change.
 */
export async function saveDisplaySettings(deps: QueueDeps, input: { actor: QueueActor; locationId: string; settings: DisplaySettings }): Promise<DisplaySettings> {
  const { actor, locationId } = input;
  if (!actor.locationIds.includes(locationId)) throw new NotFoundError('location_not_found');
  await ownLocation(deps.db, actor.tenantId, locationId);
  const counterIds = [...new Set(input.settings.counterIds)];
  const saved = await deps.db.$transaction(async (tx) => {
    const known = await tx.counter.count({ where: { locationId, id: { in: counterIds } } });
    if (known !== counterIds.length) throw new ValidationError([{ field: 'counterIds', code: 'display_counter_unknown' }], 'display_counter_unknown');
    const row = await tx.displaySettings.upsert({
      where: { locationId },
      create: { locationId, recentCalls: input.settings.recentCalls, counterIds },
      update: { recentCalls: input.settings.recentCalls, counterIds },
      select: { recentCalls: true, counterIds: true },
    });
    await recordAudit(tx, actor, {
      action: 'display.settings',
      entityType: 'Location',
      entityId: locationId,
      locationId,
      details: { recentCalls: row.recentCalls, counters: row.counterIds.length },
    });
    return row;
  }, TX_OPTIONS);
  await deps.publish?.({ type: 'changed', locationId });
  return saved;
}

/**
 * What the waiting-room screen shows besides the calls: its settings (as counter names, since the
 * display's view of a call names the counter), how many people wait and how long someone arriving
 * now would wait. Counts and names only: nothing of any citizen.
 */
export async function displayBoard(deps: QueueDeps, input: { tenantId: string; locationId: string }): Promise<DisplayBoard> {
  const location = await ownLocation(deps.db, input.tenantId, input.locationId);
  const settings = location.displaySettings ?? DEFAULT_DISPLAY_SETTINGS;
  const localDate = await localToday(deps.db, input.locationId, deps.now);
  const [counters, waiting, services] = await Promise.all([
    settings.counterIds.length ? deps.db.counter.findMany({ where: { id: { in: settings.counterIds } }, select: { name: true } }) : [],
    deps.db.queueEntry.count({ where: { locationId: input.locationId, localDate, status: 'WAITING' } }),
    deps.db.locationService.findMany({ where: { locationId: input.locationId }, select: { service: { select: { durationMinutes: true } } } }),
  ]);
  const fallback = services.length ? services.reduce((sum, s) => sum + s.service.durationMinutes, 0) / services.length : 15;
  const rate = await serviceRate(deps.db, input.locationId, localDate, deps.now, fallback);
  return {
    recentCalls: settings.recentCalls,
    counters: counters.map((c) => c.name),
    waiting,
    estimatedWaitMinutes: estimateWaitMinutes(waiting + 1, rate.avgMinutes, rate.counters),
  };
}
