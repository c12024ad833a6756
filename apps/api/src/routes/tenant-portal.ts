import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponse, tenantParams, tenantPortal } from '@termin/contracts';

// Branding and legal texts change rarely; a minute of caching keeps every portal page from asking.
const PORTAL_CACHE = 'public, max-age=60';

/** What the citizen portal shows of its municipality: name, colour, logo, imprint, privacy notice, accessibility statement. */
const tenantPortalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/tenants/:tenant/portal',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking'],
        summary: "The municipality's name, branding and legal texts",
        params: tenantParams,
        response: { 200: tenantPortal, 404: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', PORTAL_CACHE);
      return app.services.booking.portal(request.params.tenant);
    },
  );

  app.get(
    '/api/v1/tenants/:tenant/logo',
    {
      config: { access: 'public' },
      schema: {
        tags: ['booking'],
        summary: "The municipality's logo (PNG, JPEG or WebP)",
        params: tenantParams,
        querystring: z.object({ v: z.string().max(20).optional() }),
        produces: ['image/png', 'image/jpeg', 'image/webp'],
        response: { 200: z.instanceof(Buffer).describe('image/png, image/jpeg or image/webp'), 404: errorResponse, 429: errorResponse },
      },
    },
    async (request, reply) => {
      const logo = await app.services.booking.logo(request.params.tenant);
      // The address carries the settings' version, so a new logo has a new address.
      reply.header('cache-control', 'public, max-age=86400');
      reply.header('x-content-type-options', 'nosniff');
      reply.type(logo.contentType);
      return reply.send(Buffer.from(logo.bytes));
    },
  );
};

export default tenantPortalRoutes;
