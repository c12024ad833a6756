import fp from 'fastify-plugin';
import { Queue } from 'bullmq';
import { bullPrefix, defaultJobOptions, queueNames, type QueueName } from '@termin/jobs';

declare module 'fastify' {
  interface FastifyInstance {
    queues: Record<QueueName, Queue>;
  }
}

/** Producers only: the API enqueues, the worker process consumes. */
export default fp(
  async (app) => {
    const connection = { url: app.config.REDIS_URL, maxRetriesPerRequest: null, enableOfflineQueue: false };
    const queues = Object.fromEntries(
      queueNames.map((name) => [name, new Queue(name, { connection, prefix: bullPrefix(app.config.REDIS_PREFIX), defaultJobOptions })]),
    ) as Record<QueueName, Queue>;
    for (const queue of Object.values(queues)) {
      queue.on('error', (error) => app.log.warn({ queue: queue.name, err: { message: error.message } }, 'queue connection problem'));
    }
    app.decorate('queues', queues);
    app.addHook('onClose', async () => {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    });
  },
  { name: 'queues', dependencies: ['config'] },
);
