import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deadLetterParams, deadLetterRetryResponse, deadLettersResponse, errorResponse } from '@termin/contracts';
import { currentUser } from '../plugins/auth';

/**
 * Jobs the worker gave up on (after its retries), for the admin to inspect and send again.
 * An admin sees only dead letters about appointments of their own municipality.
 */
const deadLetterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/admin/dead-letters',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: "Failed jobs (after all retries) of the admin's municipality",
        security: [{ bearer: [] }],
        response: { 200: deadLettersResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => ({ deadLetters: await app.services.deadLetters.list(currentUser(request)) }),
  );

  app.post(
    '/api/v1/admin/dead-letters/:id/retry',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'Puts a failed job back on its queue with fresh attempts',
        security: [{ bearer: [] }],
        params: deadLetterParams,
        response: { 202: deadLetterRetryResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const { jobId } = await app.services.deadLetters.retry(currentUser(request), request.params.id);
      return reply.code(202).send({ retried: true as const, jobId });
    },
  );
};

export default deadLetterRoutes;
