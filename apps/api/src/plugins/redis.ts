import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
    /** Prefix for every key and PubSub channel of this deployment. */
    redisKey(name: string): string;
  }
}

export default fp(
  async (app) => {
    const redis = new Redis(app.config.REDIS_URL, {
      lazyConnect: true,
      // Fail commands fast while Redis is away, so /ready and requests answer instead of hanging.
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2_000,
      // Commands issued in one turn of the event loop (rate limits, availability versions of many
      // concurrent requests) go out in one write: under load that saves a system call per command.
      enableAutoPipelining: true,
    });
    redis.on('error', (error) => app.log.warn({ err: { message: error.message } }, 'redis connection problem'));
    await redis.connect().catch((error: Error) => app.log.warn({ err: { message: error.message } }, 'redis not reachable at start'));
    app.decorate('redis', redis);
    app.decorate('redisKey', (name: string) => `${app.config.REDIS_PREFIX}:${name}`);
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  },
  { name: 'redis', dependencies: ['config'] },
);
