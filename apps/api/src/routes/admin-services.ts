import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { adminService, adminServiceCreate, adminServiceList, adminServiceParams, adminServiceUpdate, errorResponse } from '@termin/contracts';
import { currentUser } from '../plugins/auth';
import { adminActor } from '../services/admin-config';

const admin = { access: { roles: ['admin'] as const } };
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** Services of the municipality: names, duration, ticket prefix, documents, fee, capacity per slot. */
const adminServiceRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = () => app.services.admin.services;

  app.get(
    '/api/v1/admin/services',
    {
      config: admin,
      schema: { tags: ['admin'], summary: "The municipality's services", security: [{ bearer: [] }], response: { 200: adminServiceList, ...errors } },
    },
    async (request) => ({ services: await services().listServices(adminActor(currentUser(request))) }),
  );

  app.post(
    '/api/v1/admin/services',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'Create a service', security: [{ bearer: [] }], body: adminServiceCreate, response: { 201: adminService, ...errors } },
    },
    async (request, reply) => {
      reply.status(201);
      return services().createService(adminActor(currentUser(request)), request.body);
    },
  );

  app.get(
    '/api/v1/admin/services/:serviceId',
    {
      config: admin,
      schema: { tags: ['admin'], summary: 'One service', security: [{ bearer: [] }], params: adminServiceParams, response: { 200: adminService, ...errors } },
    },
    async (request) => services().getService(adminActor(currentUser(request)), request.params.serviceId),
  );

  app.put(
    '/api/v1/admin/services/:serviceId',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Change a service (with the version read; a stale one answers 409)',
        security: [{ bearer: [] }],
        params: adminServiceParams,
        body: adminServiceUpdate,
        response: { 200: adminService, ...errors },
      },
    },
    async (request) => services().updateService(adminActor(currentUser(request)), request.params.serviceId, request.body),
  );
};

export default adminServiceRoutes;
