import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appointmentIdParams, bookingCodeParams, checkinBody, checkinResponse, errorResponse, queuePosition } from '@termin/contracts';
import { assertLocationAccess, currentUser } from '../plugins/auth';

const checkinRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/api/v1/appointments/:id/checkin',
    {
      config: { access: { roles: ['staff', 'admin', 'kiosk'] }, counts: 'checkins' },
      schema: {
        tags: ['queue'],
        summary: 'Check a citizen in at the desk or kiosk: the appointment gets a ticket and joins the queue',
        security: [{ bearer: [] }],
        params: appointmentIdParams,
        body: checkinBody,
        response: { 200: checkinResponse, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.body.locationId);
      const { appointment, entry } = await app.services.queue.checkIn({ appointment: { id: request.params.id }, locationId: request.body.locationId, actor: user });
      return { appointment, queueEntry: entry };
    },
  );

  // The citizen's own check-in with the code from their confirmation's QR code, where the municipality
  // enables self-check-in (off by default; kiosks use their authenticated route). Bound to a location:
  // the office's check-in page (a QR code at the entrance) sends where the citizen stands. Every refusal
  // about the appointment is the one `checkin_refused`, so the code alone reveals no location or time.
  app.post(
    '/api/v1/checkin/:bookingCode',
    {
      config: { access: 'public', counts: 'checkins', rateLimit: { max: app.config.RATE_LIMIT_BOOKING_MAX, timeWindow: app.config.RATE_LIMIT_WINDOW_MS } },
      schema: {
        tags: ['queue'],
        summary: 'Self-check-in with the booking code (where the municipality enables it); answers the ticket, the position and an estimated wait',
        params: bookingCodeParams,
        body: checkinBody,
        response: { 200: queuePosition, 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse },
      },
    },
    async (request) => {
      await app.services.queue.selfCheckIn({ bookingCode: request.params.bookingCode, locationId: request.body.locationId });
      return app.services.queue.positionOf(request.params.bookingCode);
    },
  );

  app.get(
    '/api/v1/queue/position/:bookingCode',
    {
      config: { access: 'public' },
      schema: {
        tags: ['queue'],
        summary: 'Position and estimated wait of a checked-in citizen',
        params: bookingCodeParams,
        response: { 200: queuePosition, 404: errorResponse, 429: errorResponse },
      },
    },
    async (request) => app.services.queue.positionOf(request.params.bookingCode),
  );
};

export default checkinRoutes;
