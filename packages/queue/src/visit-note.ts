import { recordAudit, TX_OPTIONS } from '@termin/db';
import type { QueueEntryView } from '@termin/contracts';
import { NotFoundError } from '@termin/domain';
import type { QueueActor, QueueDeps } from './types';
import { entryInclude, toEntryView } from './views';

export interface VisitNoteInput {
  actor: QueueActor;
  queueEntryId: string;
  /** Trimmed by the contract; empty removes the note. */
  note: string;
}

/**
 * The clerk's note about a visit (what was missing, what was handed over). It is in the staff view
 * only, the audit log records that a note was written but never its text, and the retention job
 * erases it with the citizen's data.
 */
export async function setVisitNote(deps: QueueDeps, { actor, queueEntryId, note }: VisitNoteInput): Promise<QueueEntryView> {
  const row = await deps.db.$transaction(async (tx) => {
    const updated = await tx.queueEntry.updateMany({
      where: { id: queueEntryId, tenantId: actor.tenantId, locationId: { in: [...actor.locationIds] } },
      data: { visitNote: note === '' ? null : note },
    });
    if (updated.count !== 1) throw new NotFoundError('queue_entry_not_found');
    const entry = await tx.queueEntry.findUniqueOrThrow({ where: { id: queueEntryId }, include: entryInclude });
    await recordAudit(tx, actor, {
      action: note === '' ? 'queue.visit_note_removed' : 'queue.visit_note',
      entityType: 'QueueEntry',
      entityId: queueEntryId,
      locationId: entry.locationId,
      details: { ticketNumber: entry.ticketNumber },
    });
    return entry;
  }, TX_OPTIONS);
  await deps.publish?.({ type: 'changed', locationId: row.locationId });
  return toEntryView(row);
}
