import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { adminLocation, adminLocationCreate, adminLocationList, adminLocationParams, adminLocationUpdate, errorResponse } from '@termin/contracts';
import { currentUser } from '../plugins/auth';
import { adminActor } from '../services/admin-config';

const admin = { access: { roles: ['admin'] as const } };
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** Offices of the admin's municipality: details, time zone, slot length, services offered. */
const adminLocationRoutes: FastifyPluginAsyncZod = async (app) => {
  const locations = () => app.services.admin.locations;

  app.get(
    '/api/v1/admin/locations',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'Locations the admin configures', security: [{ bearer: [] }], response: { 200: adminLocationList, ...errors } },
    },
    async (request) => ({ locations: await locations().listLocations(adminActor(currentUser(request))) }),
  );

  app.post(
    '/api/v1/admin/locations',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'Create a location', security: [{ bearer: [] }], body: adminLocationCreate, response: { 201: adminLocation, ...errors } },
    },
    async (request, reply) => {
      reply.status(201);
      return locations().createLocation(adminActor(currentUser(request)), request.body);
    },
  );

  app.get(
    '/api/v1/admin/locations/:locationId',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'One location', security: [{ bearer: [] }], params: adminLocationParams, response: { 200: adminLocation, ...errors } },
    },
    async (request) => locations().getLocation(adminActor(currentUser(request)), request.params.locationId),
  );

  app.put(
    '/api/v1/admin/locations/:locationId',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Change a location (with the version read; a stale one answers 409)',
        security: [{ bearer: [] }],
        params: adminLocationParams,
        body: adminLocationUpdate,
        response: { 200: adminLocation, ...errors },
      },
    },
    async (request) => locations().updateLocation(adminActor(currentUser(request)), request.params.locationId, request.body),
  );
};

export default adminLocationRoutes;
