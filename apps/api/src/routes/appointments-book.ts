import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bookingRequest, bookingResponse, errorResponse, idempotencyHeaders } from '@termin/contracts';

const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/appointments',
    {
      config: { access: 'public', counts: 'bookings', rateLimit: { max: app.config.RATE_LIMIT_BOOKING_MAX, timeWindow: app.config.RATE_LIMIT_WINDOW_MS } },
      schema: {
        tags: ['booking'],
        summary: 'Book an appointment; a retry with the same Idempotency-Key answers the same booking with 200',
        headers: idempotencyHeaders,
        body: bookingRequest,
        response: { 200: bookingResponse, 201: bookingResponse, 400: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      // request.ip: the socket's peer, or the visitor the citizen app's server forwards when that
      // server is one of the TRUST_PROXY addresses; a client's own X-Forwarded-For counts for nothing.
      const release = await app.services.bookingBudget.reserve(request.ip);
      let outcome: Awaited<ReturnType<typeof app.services.booking.book>>;
      try {
        outcome = await app.services.booking.book({
          tenant: body.tenant,
          locationId: body.locationId,
          serviceId: body.serviceId,
          startsAt: new Date(body.startsAt),
          citizen: body.citizen,
          smsOptIn: body.smsOptIn,
          language: body.language,
          idempotencyKey: request.headers['idempotency-key'],
        });
      } catch (error) {
        await release();
        throw error;
      }
      const { booking, created } = outcome;
      if (!created) await release();
      if (created) await app.availabilityCache.invalidate(body.locationId);
      return reply.code(created ? 201 : 200).send(booking);
    },
  );
};

export default bookingRoutes;
