import fp from 'fastify-plugin';
import { closeJobQueues, createJobQueues, type JobQueues } from '@termin/jobs';

declare module 'fastify' {
  interface FastifyInstance {
    /** BullMQ producers of the background jobs (the worker process consumes them). */
    jobs: JobQueues;
  }
}

/** Producers only, with the same job options as the worker's (JOB_BACKOFF_MS). */
export default fp(
  async (app) => {
    const jobs = createJobQueues({
      redisUrl: app.config.REDIS_URL,
      redisPrefix: app.config.REDIS_PREFIX,
      backoffMs: app.config.JOB_BACKOFF_MS,
      onError: (queue, error) => app.log.warn({ queue, err: { message: error.message } }, 'job queue connection problem'),
    });
    app.decorate('jobs', jobs);
    app.addHook('onClose', async () => {
      await closeJobQueues(jobs);
    });
  },
  { name: 'jobs', dependencies: ['config'] },
);
