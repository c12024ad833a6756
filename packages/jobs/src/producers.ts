import { Queue } from 'bullmq';
import { bullPrefix, jobOptions, queueNames, type QueueName } from './queues';

/** One producer per queue, as the API and the worker both hold them. */
export type JobQueues = Record<QueueName, Queue>;

export interface JobQueuesOptions {
  redisUrl: string;
  redisPrefix: string;
  /** First retry delay of every job these queues enqueue; the same value in every process. */
  backoffMs: number;
  /** Connection problems; the queues reconnect by themselves. */
  onError?: (queue: QueueName, error: Error) => void;
}

/**
 * The producers of every queue with the declared job options. They fail fast while Redis is away
 * (the caller's request or job is retried later) instead of buffering commands in memory that a
 * crash would lose.
 */
export function createJobQueues({ redisUrl, redisPrefix, backoffMs, onError }: JobQueuesOptions): JobQueues {
  const connection = { url: redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: false };
  const defaultJobOptions = jobOptions(backoffMs);
  const queues = Object.fromEntries(
    queueNames.map((name) => {
      const queue = new Queue(name, { connection, prefix: bullPrefix(redisPrefix), defaultJobOptions });
      if (onError) queue.on('error', (error) => onError(name, error));
      return [name, queue];
    }),
  ) as JobQueues;
  return queues;
}

/** Closes every producer, each even if another fails; rejects with the first failure. */
export async function closeJobQueues(queues: JobQueues): Promise<void> {
  const results = await Promise.allSettled(Object.values(queues).map((q) => q.close()));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}
