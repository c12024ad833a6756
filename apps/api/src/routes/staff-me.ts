import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, meResponse } from '@termin/contracts';
import { currentUser } from '../plugins/auth';

const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/me',
    {
      config: { access: { roles: ['staff', 'admin', 'kiosk', 'display', 'platform-admin'] } },
      schema: {
        tags: ['staff'],
        summary: 'The signed-in user, their roles and the locations they may work at',
        security: [{ bearer: [] }],
        response: { 200: meResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const locations = await app.services.staffLocations(user.locationIds);
      return { username: user.username, roles: user.roles, tenant: { id: user.tenantId, slug: user.tenantSlug }, locations };
    },
  );
};

export default meRoutes;
