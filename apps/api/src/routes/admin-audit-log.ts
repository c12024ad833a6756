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
        summary: "Recent staff and admin actions of the admin's municipality",
        security: [{ bearer: [] }],
        querystring: auditLogQuery,
        response: { 200: auditLogResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { locationId, limit } = request.query;
      if (locationId) assertLocationAccess(user, locationId);
      return { entries: await app.services.auditLog({ tenantId: user.tenantId, locationId, limit }) };
    },
  );
};

export default auditLogRoutes;
