import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  cancelBookingBody,
  errorResponse,
  managedBooking,
  manageBookingParams,
  manageBookingQuery,
  manageBookingHeaders,
  rescheduleBookingBody,
} from '@termin/contracts';

/**
 * The citizen's own booking, reached with the code from the confirmation plus the e-mail address.
 * Codes carry 80 random bits, but these routes still get the strict booking rate limit, so nobody
 * can try codes or addresses in bulk.
 */
const manageRoutes: FastifyPluginAsyncZod = async (app) => {
  const rateLimit = { max: app.config.RATE_LIMIT_BOOKING_MAX, timeWindow: app.config.RATE_LIMIT_WINDOW_MS };
  const errors = { 400: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };

  app.get(
    '/api/v1/appointments/by-code/:code',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['booking'],
        summary: "Look up one's own booking by booking code and e-mail address",
        params: manageBookingParams,
        querystring: manageBookingQuery,
        headers: manageBookingHeaders,
        response: { 200: managedBooking, ...errors },
      },
    },
    async (request) => app.services.manage.lookup({ code: request.params.code, email: request.headers['booking-email'] }),
  );

  app.post(
    '/api/v1/appointments/by-code/:code/cancel',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['booking'],
        summary: "Cancel one's own booking until the municipality's cancellation deadline",
        params: manageBookingParams,
        body: cancelBookingBody,
        response: { 200: managedBooking, ...errors },
      },
    },
    async (request) => {
      const booking = await app.services.manage.cancel({ code: request.params.code, email: request.body.email });
      await app.availabilityCache.invalidate(booking.location.id);
      return booking;
    },
  );

  app.post(
    '/api/v1/appointments/by-code/:code/reschedule',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['booking'],
        summary: "Move one's own booking to other free slots; the old ones stay booked if the new ones are taken",
        params: manageBookingParams,
        body: rescheduleBookingBody,
        response: { 200: managedBooking, ...errors },
      },
    },
    async (request) => {
      const { code } = request.params;
      const booking = await app.services.manage.reschedule({ code, email: request.body.email, startsAt: new Date(request.body.startsAt) });
      await app.availabilityCache.invalidate(booking.location.id);
      return booking;
    },
  );
};

export default manageRoutes;
