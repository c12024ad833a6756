import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, platformTenant, platformTenantCreate, platformTenantList } from '@termin/contracts';
import { currentUser } from '../plugins/auth';
import { adminActor } from '../services/admin-config';

// The operator of the installation only: a municipality's own admins cannot add municipalities.
const platform = { access: { roles: ['platform-admin'] as const } };
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse };

const platformTenantRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/platform/tenants',
    {
      config: platform,
      schema: { tags: ['platform'], summary: 'The municipalities of this installation', security: [{ bearer: [] }], response: { 200: platformTenantList, ...errors } },
    },
    async (request) => ({ tenants: await app.services.admin.platform.listTenants(adminActor(currentUser(request))) }),
  );

  app.post(
    '/api/v1/platform/tenants',
    {
      config: platform,
      schema: {
        tags: ['platform'],
        summary: 'Add a municipality (slug, name, Bundesland, time zone)',
        security: [{ bearer: [] }],
        body: platformTenantCreate,
        response: { 201: platformTenant, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return app.services.admin.platform.createTenant(adminActor(currentUser(request)), request.body);
    },
  );
};

export default platformTenantRoutes;
