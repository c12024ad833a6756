import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponse, readinessResponse } from '@termin/contracts';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['operations'], summary: 'Liveness: the process is running', response: { 200: healthResponse } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: PostgreSQL and Redis answer',
        response: { 200: readinessResponse, 503: readinessResponse },
      },
    },
    async (_request, reply) => {
      const checks = await app.services.readiness();
      const ready = checks.database === 'up' && checks.redis === 'up';
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
    },
  );
};

export default healthRoutes;
