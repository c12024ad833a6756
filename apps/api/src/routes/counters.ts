import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { counterListResponse, errorResponse, locationIdParams } from '@termin/contracts';
import { assertLocationAccess, currentUser } from '../plugins/auth';

/** The open counters of a location, for the clerk choosing their desk and the devices at that office. */
const counterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/locations/:locationId/counters',
    {
      config: { access: { roles: ['staff', 'admin', 'kiosk', 'display'] } },
      schema: {
        tags: ['queue'],
        summary: 'Active counters of a location, in natural name order',
        security: [{ bearer: [] }],
        params: locationIdParams,
        response: { 200: counterListResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      return { counters: await app.services.queue.counters({ tenantId: user.tenantId, locationId: request.params.locationId }) };
    },
  );
};

export default counterRoutes;
