import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adminClosureCreate,
  adminClosureCreated,
  adminClosureList,
  adminClosureParams,
  adminEmergencyClosure,
  adminEmergencyClosureRequest,
  adminHoliday,
  adminHolidayCreate,
  adminHolidayList,
  adminHolidayParams,
  adminHolidayQuery,
  adminLocationParams,
  adminNoContent,
  adminOpeningHours,
  adminOpeningHoursSaved,
  adminOpeningHoursUpdate,
  adminSlotPreview,
  adminSlotPreviewRequest,
  errorResponse,
} from '@termin/contracts';
import { currentUser } from '../plugins/auth';
import { adminActor } from '../services/admin-config';

const admin = { access: { roles: ['admin'] as const } };
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
const security = [{ bearer: [] }];

/** What slots are made from: opening hours (with a preview), closures and holidays. */
const adminScheduleRoutes: FastifyPluginAsyncZod = async (app) => {
  const config = () => app.services.admin;

  app.get(
    '/api/v1/admin/locations/:locationId/opening-hours',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Weekly opening hours, per valid-from date',
        security,
        params: adminLocationParams,
        response: { 200: adminOpeningHours, ...errors },
      },
    },
    async (request) => config().openingHours.getOpeningHours(adminActor(currentUser(request)), request.params.locationId),
  );

  app.put(
    '/api/v1/admin/locations/:locationId/opening-hours',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Replace the opening hours; refused (409) if it hits bookings unless keepAffectedBookings, which never cancels one',
        security,
        params: adminLocationParams,
        body: adminOpeningHoursUpdate,
        response: { 200: adminOpeningHoursSaved, ...errors },
      },
    },
    async (request) => config().openingHours.saveOpeningHours(adminActor(currentUser(request)), request.params.locationId, request.body),
  );

  app.post(
    '/api/v1/admin/locations/:locationId/opening-hours/preview',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'The slots proposed opening hours produce in a date range, and the bookings they would hit (nothing is saved)',
        security,
        params: adminLocationParams,
        body: adminSlotPreviewRequest,
        response: { 200: adminSlotPreview, ...errors },
      },
    },
    async (request) => config().openingHours.previewOpeningHours(adminActor(currentUser(request)), request.params.locationId, request.body),
  );

  app.get(
    '/api/v1/admin/locations/:locationId/closures',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'Closures of a location', security, params: adminLocationParams, response: { 200: adminClosureList, ...errors } },
    },
    async (request) => ({ closures: await config().closures.listClosures(adminActor(currentUser(request)), request.params.locationId) }),
  );

  app.post(
    '/api/v1/admin/locations/:locationId/closures',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Close a location on a day or a range (bookings on it are kept and listed)',
        security,
        params: adminLocationParams,
        body: adminClosureCreate,
        response: { 201: adminClosureCreated, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return config().closures.createClosure(adminActor(currentUser(request)), request.params.locationId, request.body);
    },
  );

  app.post(
    '/api/v1/admin/locations/:locationId/emergency-closure',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: "Close the office for the rest of today: cancels today's open appointments (confirm: true) and tells each citizen once",
        security,
        params: adminLocationParams,
        body: adminEmergencyClosureRequest,
        response: { 200: adminEmergencyClosure, ...errors },
      },
    },
    async (request) => config().emergency.emergencyClosure(adminActor(currentUser(request)), request.params.locationId, request.body),
  );

  app.delete(
    '/api/v1/admin/closures/:closureId',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'Remove a closure', security, params: adminClosureParams, response: { 204: adminNoContent, ...errors } },
    },
    async (request, reply) => {
      await config().closures.deleteClosure(adminActor(currentUser(request)), request.params.closureId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/holidays',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: "A year's public holidays of the Bundesland and the municipality's own",
        security,
        querystring: adminHolidayQuery,
        response: { 200: adminHolidayList, ...errors },
      },
    },
    async (request) => config().holidays.listHolidays(adminActor(currentUser(request)), request.query.year),
  );

  app.post(
    '/api/v1/admin/holidays',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'Add a local holiday (closes every location)', security, body: adminHolidayCreate, response: { 201: adminHoliday, ...errors } },
    },
    async (request, reply) => {
      reply.status(201);
      return config().holidays.createHoliday(adminActor(currentUser(request)), request.body);
    },
  );

  app.delete(
    '/api/v1/admin/holidays/:holidayId',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'Remove a local holiday', security, params: adminHolidayParams, response: { 204: adminNoContent, ...errors } },
    },
    async (request, reply) => {
      await config().holidays.deleteHoliday(adminActor(currentUser(request)), request.params.holidayId);
      return reply.status(204).send(null);
    },
  );
};

export default adminScheduleRoutes;
