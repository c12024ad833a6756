import type { Queue } from 'bullmq';
import { jobIdPart } from './job-ids';
import { jobPayloads, type JobPayload, type WorkQueueName } from './queues';

export type DeadLetter = JobPayload<'dead-letter'>;

export interface DeadLetterEntry extends DeadLetter {
  /** Id of the entry in the dead-letter queue (what an admin retries). */
  id: string;
}

/** One entry per failed job: a job that fails for good twice (e.g. after a stall) is listed once. */
function deadLetterJobId(queue: WorkQueueName, jobId: string): string {
  return `dl_${queue}_${jobIdPart(jobId)}`;
}

export async function addDeadLetter(deadLetters: Queue, letter: DeadLetter): Promise<string> {
  const id = deadLetterJobId(letter.queue, letter.jobId);
  // Kept until an admin retries it: no attempts, never removed automatically.
  await deadLetters.add(letter.queue, jobPayloads['dead-letter'].parse(letter), {
    jobId: id,
    attempts: 1,
    removeOnComplete: true,
    removeOnFail: false,
  });
  return id;
}

/** Entries newest first. Nothing consumes the dead-letter queue, so every entry is waiting. */
export async function listDeadLetters(deadLetters: Queue, limit = 500): Promise<DeadLetterEntry[]> {
  const jobs = await deadLetters.getWaiting(0, limit - 1);
  return jobs
    .flatMap((job) => {
      const parsed = jobPayloads['dead-letter'].safeParse(job.data);
      return parsed.success && job.id ? [{ id: job.id, ...parsed.data }] : [];
    })
    .sort((a, b) => b.failedAt.localeCompare(a.failedAt));
}

export async function getDeadLetter(deadLetters: Queue, id: string): Promise<DeadLetterEntry | null> {
  const job = await deadLetters.getJob(id);
  if (!job?.id) return null;
  const parsed = jobPayloads['dead-letter'].safeParse(job.data);
  return parsed.success ? { id: job.id, ...parsed.data } : null;
}

/**
 * Puts the failed job back on its queue with fresh attempts, then removes the entry. The new
 * job id derives from the entry, so a double click enqueues once; if removing fails after the
 * add, the entry stays and a second retry is again a no-op in BullMQ.
 */
export async function retryDeadLetter(queues: Record<WorkQueueName, Queue>, deadLetters: Queue, entry: DeadLetterEntry): Promise<{ jobId: string }> {
  const jobId = `${jobIdPart(entry.jobId)}-retry-${Date.parse(entry.failedAt)}`;
  const payload = jobPayloads[entry.queue].parse(entry.payload);
  await queues[entry.queue].add(entry.jobName, payload, { jobId });
  await deadLetters.remove(entry.id);
  return { jobId };
}
