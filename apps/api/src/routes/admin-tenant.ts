import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { adminOverview, adminTenantSettings, adminTenantSettingsUpdate, errorResponse } from '@termin/contracts';
import { currentUser } from '../plugins/auth';
import { adminActor } from '../services/admin-config';

const admin = { access: { roles: ['admin'] as const } };
const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** The admin's own municipality: name, branding, booking rules, legal texts; and the home's figures. */
const adminTenantRoutes: FastifyPluginAsyncZod = async (app) => {
  const tenant = () => app.services.admin.tenant;

  app.get(
    '/api/v1/admin/tenant',
    {
      config: admin,
      schema: { tags: ['admin'], summary: "The municipality's settings", security: [{ bearer: [] }], response: { 200: adminTenantSettings, ...errors } },
    },
    async (request) => tenant().getTenantSettings(adminActor(currentUser(request))),
  );

  app.put(
    '/api/v1/admin/tenant',
    {
      // A logo comes along in base64 (at most 256 KiB, a third more encoded) with up to six legal texts.
      bodyLimit: 1024 * 1024,
      config: admin,
      schema: {
        tags: ['admin'],
        summary: "Change the municipality's settings (with the version read; a stale one answers 409)",
        security: [{ bearer: [] }],
        body: adminTenantSettingsUpdate,
        response: { 200: adminTenantSettings, ...errors },
      },
    },
    async (request) => tenant().updateTenantSettings(adminActor(currentUser(request)), request.body),
  );

  app.get(
    '/api/v1/admin/overview',
    {
      config: admin,
      schema: {
        tags: ['admin'],
        summary: 'Each office today: appointments against places, the next free slot, gaps in the booking horizon',
        security: [{ bearer: [] }],
        response: { 200: adminOverview, ...errors },
      },
    },
    async (request) => app.services.admin.overview.overview(adminActor(currentUser(request))),
  );
};

export default adminTenantRoutes;
