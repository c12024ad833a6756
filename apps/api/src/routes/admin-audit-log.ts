import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditLogQuery, auditLogResponse, errorResponse } from '@termin/contracts';
import { assertLocationAccess, currentUser } from '../plugins/auth';

const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/admin/audit-log',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: "Staff and admin actions of the admin's municipality, filtered by user, action and days, newest first, paged",
        security: [{ bearer: [] }],
        querystring: auditLogQuery,
        response: { 200: auditLogResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const user = currentUser(request);
      if (request.query.locationId) assertLocationAccess(user, request.query.locationId);
      return app.services.auditLog({ ...request.query, tenantId: user.tenantId });
    },
  );
};

export default auditLogRoutes;
