import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@termin/db';
import { waitFor } from '@termin/testkit/wait';
import type { DemoPlace } from './support/bookings';
import { useWorkerTestBed } from './support/test-bed';
import type { WorkerApp } from '../src/worker-app';

const bed = useWorkerTestBed({ smtp: false });
let db: Db;
let worker: WorkerApp;
let place: DemoPlace;
beforeAll(() => void ({ db, worker, place } = bed));

describe('data retention in the worker', () => {
  it('is scheduled nightly, and a run erases contact data of long-past appointments', async () => {
    const schedulers = await worker.context.queues.retention.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain('nightly-retention');
    expect(schedulers[0]?.pattern).toBe('30 3 * * *');

    const tenant = await db.tenant.findFirstOrThrow();
    const endsAt = new Date(Date.now() - (tenant.dataRetentionDays + 1) * 24 * 3600 * 1000);
    const old = await db.appointment.create({
      data: {
        tenantId: tenant.id,
        locationId: place.locationId,
        serviceId: place.serviceId,
        status: 'DONE',
        bookingCode: 'RRRR-RRRR-RRRR-RRR1',
        contactHash: 'h',
        citizenName: 'Erika Alt',
        citizenEmail: 'alt@example.org',
        startsAt: new Date(endsAt.getTime() - 15 * 60_000),
        endsAt,
      },
    });
    await worker.context.queues.retention.add('retention', {});
    const erased = await waitFor('anonymised appointment', async () => {
      const row = await db.appointment.findUniqueOrThrow({ where: { id: old.id } });
      return row.anonymisedAt ? row : null;
    });
    expect(erased).toMatchObject({ citizenName: null, citizenEmail: null, status: 'DONE' });
    // The run is on record for the admin's data-protection page, with its count and no personal data.
    const run = await waitFor('recorded retention run', () => db.retentionRun.findFirst({ where: { tenantId: tenant.id, anonymisedAppointments: { gt: 0 } } }));
    expect(run).toMatchObject({ anonymisedAppointments: 1, forgottenContacts: 0 });
  });
});
