import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dataErasureRequest, dataErasureResponse, dataSubjectQuery, dataSubjectReport, errorResponse, retentionRunsResponse } from '@termin/contracts';
import { currentUser } from '../plugins/auth';

/**
 * Data-protection requests of citizens (DSGVO Art. 15 and 17) in the admin's municipality. The
 * person is named in the body (an e-mail address never goes into a URL, where logs would keep it);
 * answers with personal data are never cached.
 */
const dataRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const access = { roles: ['admin' as const] };
  const refusals = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

  app.post(
    '/api/v1/admin/data-requests/search',
    {
      config: { access },
      schema: {
        tags: ['admin'],
        summary: 'Everything stored about one person, found by a booking code or their e-mail address (DSGVO Art. 15)',
        security: [{ bearer: [] }],
        body: dataSubjectQuery,
        response: { 200: dataSubjectReport, ...refusals },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.services.dataRequests.find(currentUser(request), request.body);
    },
  );

  app.post(
    '/api/v1/admin/data-requests/export',
    {
      config: { access },
      schema: {
        tags: ['admin'],
        summary: 'The same as a file to hand to the person (JSON)',
        security: [{ bearer: [] }],
        body: dataSubjectQuery,
        response: { 200: dataSubjectReport, ...refusals },
      },
    },
    async (request, reply) => {
      const report = await app.services.dataRequests.export(currentUser(request), request.body);
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', `attachment; filename="data-export-${report.generatedAt.slice(0, 10)}.json"`);
      return report;
    },
  );

  app.post(
    '/api/v1/admin/data-requests/erase',
    {
      config: { access },
      schema: {
        tags: ['admin'],
        summary: "Erases the person's contact data, counters and message log; appointments stay anonymous for the statistics (DSGVO Art. 17)",
        security: [{ bearer: [] }],
        body: dataErasureRequest,
        response: { 200: dataErasureResponse, ...refusals, 409: errorResponse },
      },
    },
    async (request) => app.services.dataRequests.erase(currentUser(request), request.body.subject),
  );

  app.get(
    '/api/v1/admin/data-requests/retention-runs',
    {
      config: { access },
      schema: {
        tags: ['admin'],
        summary: "The nightly retention job's recent runs in the admin's municipality and what they erased (counts only)",
        security: [{ bearer: [] }],
        response: { 200: retentionRunsResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => app.services.dataRequests.retentionRuns(currentUser(request)),
  );
};

export default dataRequestRoutes;
