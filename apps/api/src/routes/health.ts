import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponse, readinessResponse } from '@termin/contracts';

/** Within this time a dependency must answer, or it counts as down. */
const CHECK_TIMEOUT_MS = 1_500;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    config: { access: 'public', rateLimit: false },
    schema: { tags: ['operations'], summary: 'Liveness: the process is running', response: { 200: healthResponse } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/ready', {
    config: { access: 'public', rateLimit: false },
    schema: {
      tags: ['operations'],
      summary: 'Readiness: PostgreSQL and Redis answer',
      response: { 200: readinessResponse, 503: readinessResponse },
    },
  }, async (_request, reply) => {
    const [database, redis] = await Promise.all([
      withTimeout(app.db.$queryRaw`SELECT 1`).then(() => 'up' as const, () => 'down' as const),
      withTimeout(app.redis.ping()).then(() => 'up' as const, () => 'down' as const),
    ]);
    const ready = database === 'up' && redis === 'up';
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: { database, redis } });
  });
};

export default healthRoutes;
