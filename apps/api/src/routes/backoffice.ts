import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  backofficeAppointmentParams,
  backofficeAppointmentResponse,
  backofficeRescheduleBody,
  backofficeSearchQuery,
  backofficeSearchResponse,
  backofficeSlots,
  backofficeSlotsQuery,
  errorResponse,
  locationIdParams,
  staffBookingBody,
  staffBookingResponse,
} from '@termin/contracts';
import { assertLocationAccess, currentUser } from '../plugins/auth';

const staff = { roles: ['staff', 'admin'] } as const;
const failures = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** The clerk's back office at one of their locations: book for a citizen, find, cancel and move appointments. */
const backofficeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/locations/:locationId/backoffice/slots',
    {
      config: { access: staff },
      schema: {
        tags: ['backoffice'],
        summary: 'Free times of a day for booking on a citizen’s behalf (the places held back for staff included)',
        security: [{ bearer: [] }],
        params: locationIdParams,
        querystring: backofficeSlotsQuery,
        response: { 200: backofficeSlots, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      return app.services.backoffice.slots(user, { locationId: request.params.locationId, ...request.query });
    },
  );

  app.post(
    '/api/v1/locations/:locationId/backoffice/appointments',
    {
      config: { access: staff },
      schema: {
        tags: ['backoffice'],
        summary: 'Book on a citizen’s behalf (phone or counter), with the same rules and limits as online',
        security: [{ bearer: [] }],
        params: locationIdParams,
        body: staffBookingBody,
        response: { 201: staffBookingResponse, ...failures },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { locationId } = request.params;
      assertLocationAccess(user, locationId);
      const booking = await app.services.backoffice.book(user, locationId, request.body);
      await app.availabilityCache.invalidate(locationId);
      return reply.code(201).send(booking);
    },
  );

  app.get(
    '/api/v1/locations/:locationId/backoffice/appointments',
    {
      config: { access: staff },
      schema: {
        tags: ['backoffice'],
        summary: 'Today’s and later appointments of the location by booking code or name',
        security: [{ bearer: [] }],
        params: locationIdParams,
        querystring: backofficeSearchQuery,
        response: { 200: backofficeSearchResponse, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      return app.services.backoffice.search(user, { locationId: request.params.locationId, q: request.query.q });
    },
  );

  app.post(
    '/api/v1/locations/:locationId/backoffice/appointments/:appointmentId/cancel',
    {
      config: { access: staff },
      schema: {
        tags: ['backoffice'],
        summary: 'Cancel an appointment on the citizen’s behalf; the citizen is told as for their own cancellation',
        security: [{ bearer: [] }],
        params: backofficeAppointmentParams,
        response: { 200: backofficeAppointmentResponse, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      const appointment = await app.services.backoffice.cancel(user, request.params);
      await app.availabilityCache.invalidate(request.params.locationId);
      return appointment;
    },
  );

  app.post(
    '/api/v1/locations/:locationId/backoffice/appointments/:appointmentId/reschedule',
    {
      config: { access: staff },
      schema: {
        tags: ['backoffice'],
        summary: 'Move an appointment on the citizen’s behalf; the citizen is told the new time',
        security: [{ bearer: [] }],
        params: backofficeAppointmentParams,
        body: backofficeRescheduleBody,
        response: { 200: backofficeAppointmentResponse, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      const appointment = await app.services.backoffice.reschedule(user, { ...request.params, startsAt: new Date(request.body.startsAt) });
      await app.availabilityCache.invalidate(request.params.locationId);
      return appointment;
    },
  );
};

export default backofficeRoutes;
