import { recordAudit, type AuditActor, type Db } from '@termin/db';
import { NotFoundError } from '@termin/domain';
import { getDeadLetter, listDeadLetters, retryDeadLetter } from './dead-letters';
import type { JobQueues } from './producers';

export interface DeadLetterAdminDeps {
  db: Db;
  /** Built with the same job options as the worker's, so a retried job gets the declared retries. */
  queues: JobQueues;
}

/** A dead letter as an admin sees it: ids and a reason, never citizen data. */
export interface DeadLetterListing {
  id: string;
  queue: string;
  jobName: string;
  appointmentId: string | null;
  locationId: string | null;
  reason: string;
  attempts: number;
  failedAt: string;
}

/**
 * Jobs the worker gave up on (after its retries), for an admin to inspect and send again. An admin
 * sees only dead letters about appointments of their own municipality; another municipality's
 * entry answers exactly like a missing one.
 */
export function createDeadLetterAdmin({ db, queues }: DeadLetterAdminDeps) {
  /** The tenant's appointments among `ids`, with their location. */
  async function ownAppointments(tenantId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.appointment.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, locationId: true } });
    return new Map(rows.map((r) => [r.id, r.locationId]));
  }

  return {
    async list(actor: AuditActor): Promise<DeadLetterListing[]> {
      const entries = await listDeadLetters(queues['dead-letter']);
      const own = await ownAppointments(
        actor.tenantId,
        entries.flatMap((e) => (e.appointmentId ? [e.appointmentId] : [])),
      );
      return entries.flatMap((e) => {
        const locationId = e.appointmentId ? own.get(e.appointmentId) : undefined;
        if (!locationId) return [];
        return [
          {
            id: e.id,
            queue: e.queue,
            jobName: e.jobName,
            appointmentId: e.appointmentId,
            locationId,
            reason: e.reason,
            attempts: e.attemptsMade,
            failedAt: e.failedAt,
          },
        ];
      });
    },

    /** Puts the job back on its queue with fresh attempts; the audit row commits only if it is back. */
    async retry(actor: AuditActor, id: string): Promise<{ jobId: string }> {
      const entry = await getDeadLetter(queues['dead-letter'], id);
      const locationId = entry?.appointmentId ? (await ownAppointments(actor.tenantId, [entry.appointmentId])).get(entry.appointmentId) : undefined;
      if (!entry || !locationId) throw new NotFoundError('dead_letter_not_found');
      return db.$transaction(async (tx) => {
        await recordAudit(tx, actor, {
          action: 'dead_letter.retry',
          entityType: 'appointment',
          entityId: entry.appointmentId,
          locationId,
          details: { queue: entry.queue, job: entry.jobName, deadLetterId: entry.id },
        });
        return retryDeadLetter(queues, queues['dead-letter'], entry);
      });
    },
  };
}
