import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type AuditActor, type Db } from '@termin/db';
import { seedDemo } from '@termin/db/seed';
import { generateBookingCode } from '@termin/domain';
import { createTestDatabase, type TestDatabase } from '@termin/testkit/database';
import { createTestRedis, type TestRedis } from '@termin/testkit/redis';
import { addDeadLetter, closeJobQueues, createDeadLetterAdmin, createJobQueues, jobOptions, type JobQueues } from '../src';

const BACKOFF_MS = 1_234;

let database: TestDatabase;
let redis: TestRedis;
let db: Db;
let queues: JobQueues;
let admin: AuditActor;
let stranger: AuditActor;
let appointmentId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createTestRedis();
  db = createPrismaClient({ databaseUrl: database.url });
  queues = createJobQueues({ redisUrl: redis.url, redisPrefix: redis.prefix, backoffMs: BACKOFF_MS });
  const { tenantId, locationIds } = await seedDemo(db);
  const other = await db.tenant.create({ data: { slug: 'anderswo', name: 'Anderswo' } });
  const service = await db.service.findFirstOrThrow({ where: { tenantId } });
  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  const appointment = await db.appointment.create({
    data: {
      tenantId,
      locationId: locationIds[0]!,
      serviceId: service.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      bookingCode: generateBookingCode(),
      contactHash: randomUUID().replace(/-/g, ''),
    },
  });
  appointmentId = appointment.id;
  admin = { sub: 'admin-1', username: 'admin', roles: ['admin'], tenantId };
  stranger = { sub: 'admin-2', username: 'other', roles: ['admin'], tenantId: other.id };
});

afterAll(async () => {
  if (queues) await closeJobQueues(queues);
  await db?.$disconnect();
  await redis?.cleanup();
  await database?.drop();
});

async function deadLetter() {
  return addDeadLetter(queues['dead-letter'], {
    queue: 'email',
    jobId: `confirmation_${appointmentId}_0`,
    jobName: 'confirmation',
    payload: { appointmentId, kind: 'confirmation', sequence: 0 },
    appointmentId,
    reason: 'SMTP 451',
    attemptsMade: 3,
    failedAt: new Date().toISOString(),
  });
}

describe('dead-letter admin', () => {
  it('sends a dead letter again with the retries and backoff every producer declares, and audits it', async () => {
    const id = await deadLetter();
    expect((await createDeadLetterAdmin({ db, queues }).list(stranger)).map((d) => d.id)).not.toContain(id);
    await expect(createDeadLetterAdmin({ db, queues }).retry(stranger, id)).rejects.toMatchObject({ code: 'dead_letter_not_found' });

    const service = createDeadLetterAdmin({ db, queues });
    expect(await service.list(admin)).toEqual([expect.objectContaining({ id, queue: 'email', appointmentId, attempts: 3, reason: 'SMTP 451' })]);
    const { jobId } = await service.retry(admin, id);

    const job = await queues.email.getJob(jobId);
    expect(job?.data).toEqual({ appointmentId, kind: 'confirmation', sequence: 0 });
    const declared = jobOptions(BACKOFF_MS);
    expect(job?.opts.attempts).toBe(declared.attempts);
    expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: BACKOFF_MS });
    expect(await queues['dead-letter'].getJob(id)).toBeUndefined();
    expect(await db.auditLog.count({ where: { action: 'dead_letter.retry', entityId: appointmentId, tenantId: admin.tenantId } })).toBe(1);
    await expect(service.retry(admin, id)).rejects.toMatchObject({ code: 'dead_letter_not_found' });
  });
});
