import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deadLetterParams, deadLetterRetryResponse, deadLettersResponse, errorResponse } from '@termin/contracts';
import { recordAudit } from '@termin/db';
import { NotFoundError } from '@termin/domain';
import { getDeadLetter, listDeadLetters, retryDeadLetter, workQueueNames, type WorkQueueName } from '@termin/jobs';
import type { Queue } from 'bullmq';
import { currentUser } from '../plugins/auth';

/**
 * Jobs the worker gave up on (after its retries), for the admin to inspect and send again.
 * An admin sees only dead letters about appointments of their own municipality.
 */
const deadLetterRoutes: FastifyPluginAsyncZod = async (app) => {
  const workQueues = Object.fromEntries(workQueueNames.map((name) => [name, app.queues[name]])) as Record<WorkQueueName, Queue>;

  /** The tenant's appointments among `ids`, with their location. */
  async function ownAppointments(tenantId: string, ids: string[]) {
    const rows = await app.db.appointment.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, locationId: true } });
    return new Map(rows.map((r) => [r.id, r.locationId]));
  }

  app.get('/api/v1/admin/dead-letters', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['admin'],
      summary: "Failed jobs (after all retries) of the admin's municipality",
      security: [{ bearer: [] }],
      response: { 200: deadLettersResponse, 401: errorResponse, 403: errorResponse },
    },
  }, async (request) => {
    const user = currentUser(request);
    const entries = await listDeadLetters(app.queues['dead-letter']);
    const ids = entries.flatMap((e) => (e.appointmentId ? [e.appointmentId] : []));
    const own = await ownAppointments(user.tenantId, ids);
    return {
      deadLetters: entries
        .filter((e) => e.appointmentId && own.has(e.appointmentId))
        .map((e) => ({
          id: e.id,
          queue: e.queue,
          jobName: e.jobName,
          appointmentId: e.appointmentId,
          locationId: own.get(e.appointmentId!) ?? null,
          reason: e.reason,
          attempts: e.attemptsMade,
          failedAt: e.failedAt,
        })),
    };
  });

  app.post('/api/v1/admin/dead-letters/:id/retry', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['admin'],
      summary: 'Puts a failed job back on its queue with fresh attempts',
      security: [{ bearer: [] }],
      params: deadLetterParams,
      response: { 202: deadLetterRetryResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
  }, async (request, reply) => {
    const user = currentUser(request);
    const entry = await getDeadLetter(app.queues['dead-letter'], request.params.id);
    const locationId = entry?.appointmentId ? (await ownAppointments(user.tenantId, [entry.appointmentId])).get(entry.appointmentId) : undefined;
    // Another municipality's entry answers exactly like a missing one.
    if (!entry || !locationId) throw new NotFoundError('dead_letter_not_found');

    // The audit row commits only if the job is back on its queue.
    const { jobId } = await app.db.$transaction(async (tx) => {
      await recordAudit(tx, user, {
        action: 'dead_letter.retry',
        entityType: 'appointment',
        entityId: entry.appointmentId,
        locationId,
        details: { queue: entry.queue, job: entry.jobName, deadLetterId: entry.id },
      });
      return retryDeadLetter(workQueues, app.queues['dead-letter'], entry);
    });
    return reply.code(202).send({ retried: true as const, jobId });
  });
};

export default deadLetterRoutes;
