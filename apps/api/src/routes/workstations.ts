import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bookingCodeFromScan, errorResponse, kioskCheckinBody, kioskCheckinResponse, locationIdParams, todayAppointmentsResponse } from '@termin/contracts';
import { assertLocationAccess, currentUser } from '../plugins/auth';

const failures = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };

/** The clerk's day and the kiosk's check-in: the routes behind the staff workstations. */
const workstationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/locations/:locationId/appointments/today',
    {
      config: { access: { roles: ['staff', 'admin'] } },
      schema: {
        tags: ['queue'],
        summary: "Today's appointments of a location in time order, with their status and no-show risk",
        security: [{ bearer: [] }],
        params: locationIdParams,
        response: { 200: todayAppointmentsResponse, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      return app.services.queue.todayAppointments({ tenantId: user.tenantId, locationId: request.params.locationId });
    },
  );

  // The kiosk's own check-in: the kiosk account is the actor in the audit log, and it is limited per
  // device (its account) rather than per address, since all kiosks of an office may share one. The
  // limit runs after the sign-in check (preHandler), so it knows the device. Clerks may use it too
  // (the kiosk screen opened at a desk, a code read out at the counter), audited under their name.
  app.post(
    '/api/v1/kiosk/locations/:locationId/checkin',
    {
      config: {
        access: { roles: ['kiosk', 'staff', 'admin'] },
        counts: 'checkins',
        rateLimit: {
          max: app.config.RATE_LIMIT_KIOSK_MAX,
          timeWindow: app.config.RATE_LIMIT_WINDOW_MS,
          hook: 'preHandler',
          keyGenerator: (request) => `kiosk:${request.user?.sub ?? request.ip}`,
        },
      },
      schema: {
        tags: ['queue'],
        summary: 'Check in at a kiosk with what its scanner or keyboard typed: the booking code or the whole check-in address of the QR code',
        security: [{ bearer: [] }],
        params: locationIdParams,
        body: kioskCheckinBody,
        response: { 200: kioskCheckinResponse, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      const bookingCode = bookingCodeFromScan(request.body.scan);
      await app.services.queue.checkIn({ appointment: { bookingCode }, locationId: request.params.locationId, actor: user });
      return app.services.queue.positionOf(bookingCode);
    },
  );
};

export default workstationRoutes;
