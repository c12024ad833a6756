import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@termin/db';
import { generateBookingCode } from '@termin/domain';
import { addDeadLetter } from '@termin/jobs';
import { startSmtpSink, type SmtpSink } from '@termin/notifications/testing/smtp-sink';
import { waitFor } from '@termin/testkit/wait';
import { createWorker, type WorkerApp } from '@termin/worker';
import { workerConfig } from '@termin/worker/testing';
import { seedAccessFixtures, type AccessFixtures } from './support/fixtures';
import { startTestIdentity, type TestIdentity } from './support/identity';
import { createTestApp, type TestApp } from './support/test-app';
import { logCapture } from '@termin/testkit/log-capture';

const BACKOFF_MS = 300;

let identity: TestIdentity;
let t: TestApp;
let db: Db;
let fx: AccessFixtures;
let sink: SmtpSink;
let worker: WorkerApp;

beforeAll(async () => {
  identity = await startTestIdentity();
  t = await createTestApp({ OIDC_ISSUER: identity.issuer, JOB_BACKOFF_MS: String(BACKOFF_MS) });
  db = createPrismaClient({ databaseUrl: t.database.url });
  fx = await seedAccessFixtures(db);
  sink = await startSmtpSink({ rejectWith: { code: 451, message: 'Mailbox busy, try again later' } });
  worker = createWorker({
    logStream: logCapture('worker'),
    config: workerConfig({
      databaseUrl: t.database.url,
      redisUrl: t.redis.url,
      redisPrefix: t.redis.prefix,
      smtpPort: sink.port,
      extra: { JOB_BACKOFF_MS: String(BACKOFF_MS) },
    }),
  });
  await worker.start();
});

afterAll(async () => {
  await worker?.close();
  await sink?.close();
  await db?.$disconnect();
  await t?.close();
  await identity?.close();
});

/** What the booking API commits: the PENDING appointment and its 'appointment.booked' event. */
async function book(locationId: string) {
  const startsAt = new Date(Date.now() + 5 * 24 * 3600_000);
  return db.$transaction(async (tx) => {
    const location = await tx.location.findUniqueOrThrow({ where: { id: locationId } });
    const appointment = await tx.appointment.create({
      data: {
        tenantId: location.tenantId,
        locationId,
        serviceId: fx.services.personalausweis!,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 15 * 60_000),
        bookingCode: generateBookingCode(),
        citizenName: 'Erika Mustermann',
        citizenEmail: 'erika@example.org',
        contactHash: randomUUID().replace(/-/g, ''),
      },
    });
    await tx.outboxEvent.create({ data: { type: 'appointment.booked', payload: { appointmentId: appointment.id, sequence: 0 } } });
    return appointment;
  });
}

async function asAdmin(method: 'GET' | 'POST', url: string) {
  const token = await identity.tokenFor('admin');
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
}

describe('dead letters', () => {
  it('collect a refused e-mail after its try with the confirmation and three of its own with growing delays, and an admin retry delivers it', async () => {
    const appointment = await book(fx.mitteId);

    const entry = await waitFor('the dead letter', async () => {
      const res = await asAdmin('GET', '/api/v1/admin/dead-letters');
      expect(res.statusCode).toBe(200);
      return (res.json().deadLetters as { appointmentId: string; id: string }[]).find((d) => d.appointmentId === appointment.id);
    });
    expect(entry).toMatchObject({ queue: 'email', jobName: 'confirmation', locationId: fx.mitteId, reason: 'SMTP 451', attempts: 3 });
    expect(JSON.stringify(entry)).not.toContain('erika');

    // Refused once with the confirmation run, then the e-mail's own job waits a backoff and tries three times.
    expect(sink.rejections).toHaveLength(4);
    const [withRun, first, second, third] = sink.rejections.map((r) => r.at);
    expect(first! - withRun!).toBeGreaterThanOrEqual(BACKOFF_MS);
    const gaps = [second! - first!, third! - second!];
    expect(gaps[0]).toBeGreaterThanOrEqual(BACKOFF_MS);
    expect(gaps[1]).toBeGreaterThanOrEqual(2 * BACKOFF_MS);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);

    const failed = await db.notificationLog.findUniqueOrThrow({ where: { dedupeKey: `email:confirmation:${appointment.id}:0` } });
    expect(failed).toMatchObject({ status: 'FAILED', reason: 'SMTP 451', attempts: 4 });
    expect(sink.messages).toHaveLength(0);

    sink.setReject(null);
    const retry = await asAdmin('POST', `/api/v1/admin/dead-letters/${entry.id}/retry`);
    expect(retry.statusCode, retry.body).toBe(202);
    // Sent again by the API, the job keeps the retries and backoff the worker's own jobs have.
    const retried = await t.app.jobs.email.getJob(retry.json().jobId);
    expect(retried?.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: BACKOFF_MS } });

    const mail = await waitFor('the retried e-mail', async () => sink.messages.find((m) => m.text?.includes(appointment.bookingCode)));
    expect(mail.subject).toMatch(/Terminbestätigung/);
    await waitFor('the log row to say SENT', () =>
      db.notificationLog.findFirst({ where: { dedupeKey: `email:confirmation:${appointment.id}:0`, status: 'SENT', attempts: 5 } }),
    );
    const after = await asAdmin('GET', '/api/v1/admin/dead-letters');
    expect(after.json().deadLetters.map((d: { id: string }) => d.id)).not.toContain(entry.id);
    expect(await db.auditLog.count({ where: { action: 'dead_letter.retry', entityId: appointment.id } })).toBe(1);

    // A second click on the same entry finds nothing to retry, and nothing is sent twice.
    expect((await asAdmin('POST', `/api/v1/admin/dead-letters/${entry.id}/retry`)).statusCode).toBe(404);
    // A retry puts its job on the queue before it answers: once the e-mail queue has nothing left
    // to do, whatever the clicks started has been sent.
    await waitFor('the e-mail queue to have nothing left to do', async () => {
      const counts = await worker.context.queues.email.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    });
    expect(sink.messages.filter((m) => m.text?.includes(appointment.bookingCode))).toHaveLength(1);
  });

  it('are invisible to the admin of another municipality and cannot be retried by them', async () => {
    const foreign = await db.appointment.create({
      data: {
        tenantId: (await db.location.findUniqueOrThrow({ where: { id: fx.otherTenantLocationId } })).tenantId,
        locationId: fx.otherTenantLocationId,
        serviceId: fx.services.personalausweis!,
        startsAt: new Date(Date.now() + 86_400_000),
        endsAt: new Date(Date.now() + 86_400_000 + 900_000),
        bookingCode: generateBookingCode(),
        contactHash: randomUUID().replace(/-/g, ''),
      },
    });
    const id = await addDeadLetter(t.app.jobs['dead-letter'], {
      queue: 'email',
      jobId: `confirmation_${foreign.id}_0`,
      jobName: 'confirmation',
      payload: { appointmentId: foreign.id, kind: 'confirmation', sequence: 0 },
      appointmentId: foreign.id,
      reason: 'SMTP 550',
      attemptsMade: 1,
      failedAt: new Date().toISOString(),
    });

    const list = await asAdmin('GET', '/api/v1/admin/dead-letters');
    expect(list.json().deadLetters.map((d: { id: string }) => d.id)).not.toContain(id);
    const retry = await asAdmin('POST', `/api/v1/admin/dead-letters/${id}/retry`);
    expect(retry.statusCode).toBe(404);
    expect(retry.json().error.code).toBe('dead_letter_not_found');
    expect(await t.app.jobs['dead-letter'].getJob(id)).toBeDefined();
  });
});
