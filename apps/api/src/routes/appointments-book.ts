import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bookingChallengeQuery, bookingChallengeView, bookingRequest, bookingResponse, errorResponse, idempotencyHeaders, tenantParams } from '@termin/contracts';

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
        response: { 200: bookingResponse, 201: bookingResponse, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const idempotencyKey = request.headers['idempotency-key'];
      // On a rush day the proof comes first: a bot without one takes no place of the budget.
      const releaseProof = await app.services.bookingChallenge.claim(body, body.challenge ?? {}, idempotencyKey);
      // request.ip: the socket's peer, or the visitor the citizen app's server forwards when that
      // server is one of the TRUST_PROXY addresses; a client's own X-Forwarded-For counts for nothing.
      const budgetRelease = await app.services.bookingBudget.reserve(request.ip).catch(async (error: unknown) => {
        await releaseProof();
        throw error;
      });
      const release = async () => {
        await Promise.all([budgetRelease(), releaseProof()]);
      };
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
          idempotencyKey,
        });
      } catch (error) {
        await release();
        throw error;
      }
      const { booking, created } = outcome;
      // A replay answers the earlier booking: its budget place goes back, its proof stays used.
      if (!created) await budgetRelease();
      if (created) await app.availabilityCache.invalidate(body.locationId);
      return reply.code(created ? 201 : 200).send(booking);
    },
  );

  app.get(
    '/api/v1/tenants/:tenant/booking-challenge',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking'],
        summary:
          "The booking form's rush-day challenge: an ALTCHA challenge and a wait token for a page without JavaScript, or nothing where the municipality has it off",
        params: tenantParams,
        querystring: bookingChallengeQuery,
        response: { 200: bookingChallengeView, 400: errorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.services.bookingChallenge.issue({ tenant: request.params.tenant, ...request.query });
    },
  );
};

export default bookingRoutes;
