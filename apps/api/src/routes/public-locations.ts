import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, publicLocationList, publicServiceList, tenantLocationParams, tenantParams } from '@termin/contracts';

// Offices and services change a few times a year; a minute of caching takes the load off the
// database when a booking page is opened by many citizens at once.
const LIST_CACHE = 'public, max-age=60';

const publicLocationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/tenants/:tenant/locations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking'],
        summary: 'Offices of a municipality that take appointments',
        params: tenantParams,
        response: { 200: publicLocationList, 404: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', LIST_CACHE);
      return app.services.booking.locations(request.params.tenant);
    },
  );

  app.get(
    '/api/v1/tenants/:tenant/locations/:locationId/services',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking'],
        summary: 'Services an office offers, with their duration',
        params: tenantLocationParams,
        response: { 200: publicServiceList, 400: errorResponse, 404: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', LIST_CACHE);
      return app.services.booking.services(request.params.tenant, request.params.locationId);
    },
  );
};

export default publicLocationRoutes;
