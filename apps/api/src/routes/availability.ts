import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { availabilityDays, availabilityDaysQuery, availabilitySlots, availabilitySlotsQuery, errorResponse, tenantLocationParams } from '@termin/contracts';

/**
 * Caches may keep free times but must revalidate: the ETag changes with every booking, cancellation
 * or reschedule at the location (plugins/availability-cache.ts), so an answer is never stale and an
 * unchanged one costs a 304.
 */
const AVAILABILITY_CACHE = 'public, no-cache';

/** Sends the cached JSON text; it was checked against the response schema when it was computed. */
function sendCached(request: FastifyRequest, reply: FastifyReply, { json, etag }: { json: string; etag: string | null }) {
  reply.header('cache-control', AVAILABILITY_CACHE);
  if (etag) {
    reply.header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  }
  return reply.type('application/json; charset=utf-8').send(json);
}

const availabilityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/tenants/:tenant/locations/:locationId/availability/days',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking'],
        summary: 'Local dates with at least one bookable start for a service',
        params: tenantLocationParams,
        querystring: availabilityDaysQuery,
        response: { 200: availabilityDays, 400: errorResponse, 404: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const { serviceId, from, to } = request.query;
      const { tenant, locationId } = request.params;
      const answer = await app.availabilityCache.read(locationId, `days:${tenant}:${serviceId}:${from}:${to}`, async () =>
        availabilityDays.parse(await app.services.booking.days({ ...request.params, serviceId, from, to })),
      );
      return sendCached(request, reply, answer);
    },
  );

  app.get(
    '/api/v1/tenants/:tenant/locations/:locationId/availability/slots',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking'],
        summary: 'Bookable starts of one day, in local time and as UTC instants',
        params: tenantLocationParams,
        querystring: availabilitySlotsQuery,
        response: { 200: availabilitySlots, 400: errorResponse, 404: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const { serviceId, date } = request.query;
      const { tenant, locationId } = request.params;
      const answer = await app.availabilityCache.read(locationId, `slots:${tenant}:${serviceId}:${date}`, async () =>
        availabilitySlots.parse(await app.services.booking.slots({ ...request.params, serviceId, date })),
      );
      return sendCached(request, reply, answer);
    },
  );
};

export default availabilityRoutes;
