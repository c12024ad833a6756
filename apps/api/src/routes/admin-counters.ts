import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { adminCounter, adminCounterCreate, adminCounterList, adminCounterParams, adminCounterUpdate, adminLocationParams, errorResponse } from '@termin/contracts';
import { currentUser } from '../plugins/auth';
import { adminActor } from '../services/admin-config';

const admin = { access: { roles: ['admin'] as const } };
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** Counters of a location: display name, services served, open or closed. */
const adminCounterRoutes: FastifyPluginAsyncZod = async (app) => {
  const counters = () => app.services.admin.counters;

  app.get(
    '/api/v1/admin/locations/:locationId/counters',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'All counters of a location',
        security: [{ bearer: [] }],
        params: adminLocationParams,
        response: { 200: adminCounterList, ...errors },
      },
    },
    async (request) => ({ counters: await counters().listCounters(adminActor(currentUser(request)), request.params.locationId) }),
  );

  app.post(
    '/api/v1/admin/locations/:locationId/counters',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Add a counter',
        security: [{ bearer: [] }],
        params: adminLocationParams,
        body: adminCounterCreate,
        response: { 201: adminCounter, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return counters().createCounter(adminActor(currentUser(request)), request.params.locationId, request.body);
    },
  );

  app.put(
    '/api/v1/admin/counters/:counterId',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Change a counter (with the version read; a stale one answers 409)',
        security: [{ bearer: [] }],
        params: adminCounterParams,
        body: adminCounterUpdate,
        response: { 200: adminCounter, ...errors },
      },
    },
    async (request) => counters().updateCounter(adminActor(currentUser(request)), request.params.counterId, request.body),
  );
};

export default adminCounterRoutes;
