import { randomBytes } from 'node:crypto';
import { createPrismaClient, type Db } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { generateBookingCode } from '@termin/domain';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import type { QueueActor } from '../src';

export interface QueueFixtures {
  database: TestDatabase;
  db: Db;
  tenantId: string;
  mitteId: string;
  kfzId: string;
  services: Record<string, string>;
  counters: Record<string, string>;
  clerk: QueueActor;
  close(): Promise<void>;
}

/** A migrated database of this test file with the demo municipality and a clerk for both offices. */
export async function queueFixtures(): Promise<QueueFixtures> {
  const database = await createTestDatabase();
  const db = createPrismaClient({ databaseUrl: database.url, poolMax: 30 });
  const { tenantId } = await seedDemo(db);
  const locations = await db.location.findMany({ where: { tenantId } });
  const services = await db.service.findMany({ where: { tenantId } });
  const mitteId = locations.find((l) => l.slug === 'buergeramt-mitte')!.id;
  const counters = await db.counter.findMany({ where: { locationId: mitteId } });
  return {
    database,
    db,
    tenantId,
    mitteId,
    kfzId: locations.find((l) => l.slug === 'kfz-zulassung')!.id,
    services: Object.fromEntries(services.map((s) => [s.slug, s.id])),
    counters: Object.fromEntries(counters.map((c) => [c.name, c.id])),
    clerk: { sub: 'clerk-1', username: 'clerk', roles: ['staff'], tenantId, locationIds: locations.map((l) => l.id) },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

export interface AppointmentSeed {
  locationId: string;
  serviceId: string;
  startsAt: Date;
  status?: 'CONFIRMED' | 'PENDING' | 'CANCELLED';
  contactHash?: string;
}

/** A booked appointment as the booking flow leaves it (made directly: booking is another package). */
export async function bookAppointment(fx: Pick<QueueFixtures, 'db' | 'tenantId'>, seed: AppointmentSeed) {
  return fx.db.appointment.create({
    data: {
      tenantId: fx.tenantId,
      locationId: seed.locationId,
      serviceId: seed.serviceId,
      startsAt: seed.startsAt,
      endsAt: new Date(seed.startsAt.getTime() + 15 * 60_000),
      status: seed.status ?? 'CONFIRMED',
      bookingCode: generateBookingCode(),
      citizenName: 'Erika Mustermann',
      citizenEmail: 'erika@example.org',
      citizenPhone: '+4915112345678',
      contactHash: seed.contactHash ?? randomBytes(32).toString('hex'),
      confirmedAt: new Date(),
    },
  });
}

export const minutes = (n: number) => n * 60_000;
