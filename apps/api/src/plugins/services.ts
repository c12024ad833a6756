import fp from 'fastify-plugin';
import { createServices, type Services } from '../services';

declare module 'fastify' {
  interface FastifyInstance {
    /** The package services with their dependencies, made once at start-up; routes call only these. */
    services: Services;
  }
}

export default fp(
  async (app) => {
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
      }),
    );
  },
  { name: 'services', dependencies: ['config', 'prisma', 'redis', 'jobs', 'queue-events'] },
);
