import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  availabilityDays,
  availabilityDaysQuery,
  availabilitySlots,
  availabilitySlotsQuery,
  errorResponse,
  tenantLocationParams,
} from '@termin/contracts';
import { availableDays, availableSlots } from '@termin/booking';

/**
 * Free times may be cached for 5 seconds: a start booked out a moment ago can still be offered for
 * at most that long, and booking it then answers 409 slot_full, so the bound costs a retry, never a
 * double booking. Five seconds let a proxy absorb a rush on a popular office.
 */
const AVAILABILITY_CACHE = 'public, max-age=5';

const availabilityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/tenants/:tenant/locations/:locationId/availability/days', {
    config: { access: 'public' },
    schema: {
      tags: ['booking'],
      summary: 'Local dates with at least one bookable start for a service',
      params: tenantLocationParams,
      querystring: availabilityDaysQuery,
      response: { 200: availabilityDays, 400: errorResponse, 404: errorResponse, 429: errorResponse },
    },
  }, async (request, reply) => {
    const { serviceId, from, to } = request.query;
    const days = await availableDays({ db: app.db, now: new Date() }, { ...request.params, serviceId, from, to });
    reply.header('cache-control', AVAILABILITY_CACHE);
    return days;
  });

  app.get('/api/v1/tenants/:tenant/locations/:locationId/availability/slots', {
    config: { access: 'public' },
    schema: {
      tags: ['booking'],
      summary: 'Bookable starts of one day, in local time and as UTC instants',
      params: tenantLocationParams,
      querystring: availabilitySlotsQuery,
      response: { 200: availabilitySlots, 400: errorResponse, 404: errorResponse, 429: errorResponse },
    },
  }, async (request, reply) => {
    const { serviceId, date } = request.query;
    const slots = await availableSlots({ db: app.db, now: new Date() }, { ...request.params, serviceId, date });
    reply.header('cache-control', AVAILABILITY_CACHE);
    return slots;
  });
};

export default availabilityRoutes;
