import fp from 'fastify-plugin';
import { createServices, type Services } from '../services';

declare module 'fastify' {
  interface FastifyInstance {
    /** The package services with their dependencies, made once at start-up; routes call only these. */
    services: Services;
  }
}

export default fp<{ now?: () => Date }>(
  async (app, { now }) => {
    app.decorate(
      'services',
      createServices({
        config: app.config,
        db: app.db,
        redis: app.redis,
        redisKey: app.redisKey,
        jobs: app.jobs,
        publish: app.queueEvents.publish,
        log: app.log,
        ...(now ? { now } : {}),
      }),
    );
  },
  { name: 'services', dependencies: ['config', 'prisma', 'redis', 'jobs', 'queue-events'] },
);
