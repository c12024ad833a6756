import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@termin/db';
import { addDaysToLocalDate, localDateOf, startOfLocalDayUtc } from '@termin/domain';
import { publishSlotsJobId } from '@termin/jobs';
import type { DemoPlace } from './support/bookings';
import { waitFor } from '@termin/testkit/wait';
import { useWorkerTestBed } from './support/test-bed';
import type { WorkerApp } from '../src/worker-app';

const bed = useWorkerTestBed({ smtp: false });
let db: Db;
let worker: WorkerApp;
let place: DemoPlace;
beforeAll(() => void ({ db, worker, place } = bed));

/** Slots of every demo location up to the tenant's horizon, as `location/start/capacity` keys. */
async function slotKeys() {
  const slots = await db.timeSlot.findMany({ orderBy: [{ locationId: 'asc' }, { startsAt: 'asc' }] });
  return slots.map((s) => `${s.locationId}/${s.startsAt.toISOString()}/${s.capacity}`);
}

describe('slot publishing in the worker', () => {
  it('is scheduled daily', async () => {
    const schedulers = await worker.context.queues['publish-slots'].getJobSchedulers();
    expect(schedulers).toContainEqual(expect.objectContaining({ key: 'daily-slot-publishing', pattern: '15 2 * * *' }));
  });

  it('fills every location up to the booking horizon, and a second run changes nothing', async () => {
    expect(await db.timeSlot.count()).toBe(0);
    const first = await worker.context.queues['publish-slots'].add('publish-slots', {});
    await waitFor('first publishing run', async () => ((await first.isCompleted()) ? true : null));
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: place.tenantId } });
    const today = localDateOf(new Date(), 'Europe/Berlin');
    const last = await db.timeSlot.findFirstOrThrow({ where: { locationId: place.locationId }, orderBy: { startsAt: 'desc' } });
    // The last slot lies on one of the horizon's last days (weekends and holidays have none).
    expect(last.startsAt.getTime()).toBeLessThan(startOfLocalDayUtc(addDaysToLocalDate(today, tenant.bookingHorizonDays + 1), 'Europe/Berlin').getTime());
    expect(last.startsAt.getTime()).toBeGreaterThan(startOfLocalDayUtc(addDaysToLocalDate(today, tenant.bookingHorizonDays - 4), 'Europe/Berlin').getTime());
    // Capacity = open counters of Bürgeramt Mitte (four in the demo).
    expect(last.capacity).toBe(await db.counter.count({ where: { locationId: place.locationId, active: true } }));
    const before = await slotKeys();

    const second = await worker.context.queues['publish-slots'].add('publish-slots', {});
    await waitFor('second publishing run', async () => ((await second.isCompleted()) ? true : null));
    expect((await worker.context.queues['publish-slots'].getJob(second.id!))?.returnvalue).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(await slotKeys()).toEqual(before);
  });

  it('republishes one location after a rule change: a closed counter lowers the capacity', async () => {
    const counter = await db.counter.findFirstOrThrow({ where: { locationId: place.locationId, active: true } });
    await db.counter.update({ where: { id: counter.id }, data: { active: false } });
    const { rulesVersion } = await db.location.update({ where: { id: place.locationId }, data: { rulesVersion: { increment: 1 } } });
    const open = await db.counter.count({ where: { locationId: place.locationId, active: true } });
    const job = await worker.context.queues['publish-slots'].add(
      'publish-slots',
      { locationId: place.locationId, rulesVersion },
      { jobId: publishSlotsJobId(place.locationId, rulesVersion) },
    );
    await waitFor('location republished', async () => ((await job.isCompleted()) ? true : null));
    const capacities = await db.timeSlot.groupBy({ by: ['capacity'], where: { locationId: place.locationId, startsAt: { gt: new Date() } } });
    expect(capacities.map((c) => c.capacity)).toEqual([open]);
    // The same rule change asked for twice is one job.
    const again = await worker.context.queues['publish-slots'].add(
      'publish-slots',
      { locationId: place.locationId, rulesVersion },
      { jobId: publishSlotsJobId(place.locationId, rulesVersion) },
    );
    expect(again.id).toBe(job.id);
    expect(await worker.context.queues['publish-slots'].getJobCounts('completed')).toMatchObject({ completed: 3 });
  });
});
