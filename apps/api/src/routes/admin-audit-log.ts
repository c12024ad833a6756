import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditLogQuery, auditLogResponse, errorResponse } from '@termin/contracts';
import { assertLocationAccess, currentUser } from '../plugins/auth';

const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/admin/audit-log', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['admin'],
      summary: "Recent staff and admin actions of the admin's municipality",
      security: [{ bearer: [] }],
      querystring: auditLogQuery,
      response: { 200: auditLogResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
    },
  }, async (request) => {
    const user = currentUser(request);
    if (request.query.locationId) assertLocationAccess(user, request.query.locationId);
    const rows = await app.db.auditLog.findMany({
      where: { tenantId: user.tenantId, ...(request.query.locationId ? { locationId: request.query.locationId } : {}) },
      orderBy: { createdAt: 'desc' },
      take: request.query.limit,
    });
    return {
      entries: rows.map((r) => ({
        id: r.id,
        at: r.createdAt.toISOString(),
        actor: r.actorName ?? r.actorSub,
        role: r.actorRole,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        locationId: r.locationId,
      })),
    };
  });
};

export default auditLogRoutes;
