import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bookingRequest, bookingResponse, errorResponse, idempotencyHeaders } from '@termin/contracts';
import { bookAppointment, cachedServiceUsage, createBookingBatches } from '@termin/booking';

const bookingRoutes: FastifyPluginAsyncZod = async (app) => {
  const serviceUsage = cachedServiceUsage();
  const batches = createBookingBatches(app.db, {
    // The bookings are retried one by one and answered; a failing batch still means something is
    // wrong. Only the SQLSTATE is logged: PostgreSQL's messages can quote the values of a booking.
    onBatchError: (error, size) =>
      app.log.warn({ sqlState: (error as { code?: unknown }).code, size }, 'a booking batch failed; its bookings were retried one by one'),
  });
  app.post('/api/v1/appointments', {
    config: { access: 'public', rateLimit: { max: app.config.RATE_LIMIT_BOOKING_MAX, timeWindow: app.config.RATE_LIMIT_WINDOW_MS } },
    schema: {
      tags: ['booking'],
      summary: 'Book an appointment; a retry with the same Idempotency-Key answers the same booking with 200',
      headers: idempotencyHeaders,
      body: bookingRequest,
      response: { 200: bookingResponse, 201: bookingResponse, 400: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse },
    },
  }, async (request, reply) => {
    const body = request.body;
    const { booking, created } = await bookAppointment(
      { db: app.db, now: new Date(), contactSecret: app.config.CONTACT_HASH_SECRET, serviceUsage, batches },
      {
        tenant: body.tenant,
        locationId: body.locationId,
        serviceId: body.serviceId,
        startsAt: new Date(body.startsAt),
        citizen: body.citizen,
        smsOptIn: body.smsOptIn,
        language: body.language,
        idempotencyKey: request.headers['idempotency-key'],
      },
    );
    if (created) await app.availabilityCache.invalidate(body.locationId);
    const base = app.config.CITIZEN_BASE_URL.replace(/\/$/, '');
    reply.code(created ? 201 : 200);
    return {
      ...booking,
      links: { manage: `${base}/manage/${booking.bookingCode}`, checkin: `${base}/checkin/${booking.bookingCode}` },
    };
  });
};

export default bookingRoutes;
