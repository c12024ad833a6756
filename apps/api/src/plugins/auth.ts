import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AuthError, createAccessTokenVerifier, type Principal, type Role } from '@termin/auth';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '@termin/domain';

/**
 * Every route declares who may call it in `config.access`: 'public', or the roles allowed.
 * A route without a declaration fails at start-up, so nothing is ever open by accident.
 */
export type RouteAccess = 'public' | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Set on every non-public route after the token was verified and scoped. */
    user: StaffUser | null;
  }
  interface FastifyInstance {
    /** Every route and who may call it, as registered (the access test walks this table). */
    routeAccessTable: { method: string; url: string; access: RouteAccess }[];
    /** Verifies a bearer token (also used by WebSocket subscriptions) and resolves its tenant and locations. */
    authenticate(token: string): Promise<StaffUser>;
  }
}

/** The caller, scoped: ids resolved from the token's tenant and location slugs. */
export interface StaffUser {
  sub: string;
  username: string;
  roles: Role[];
  tenantId: string;
  tenantSlug: string;
  /** The locations this user may act on; admins get every location of their tenant. */
  locationIds: string[];
  /** When the access token expires (epoch ms): a live socket opened with it stops then. */
  expiresAt: number;
}

/** Routes added by plugins we do not own (OpenAPI UI) are public documentation. */
const PUBLIC_PREFIXES = ['/docs'];

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

export default fp(
  async (app) => {
    const verifier = createAccessTokenVerifier({ issuer: app.config.OIDC_ISSUER, audience: app.config.OIDC_AUDIENCE });

    async function scope(principal: Principal): Promise<StaffUser> {
      const tenant = await app.db.tenant.findUnique({ where: { slug: principal.tenant }, select: { id: true, slug: true } });
      if (!tenant) throw new ForbiddenError('tenant_unknown');
      const locations = await app.db.location.findMany({
        where: principal.roles.includes('admin') ? { tenantId: tenant.id } : { tenantId: tenant.id, slug: { in: principal.locations } },
        select: { id: true },
      });
      return {
        sub: principal.sub,
        username: principal.username,
        roles: principal.roles,
        tenantId: tenant.id,
        tenantSlug: tenant.slug,
        locationIds: locations.map((l) => l.id),
        expiresAt: principal.expiresAt,
      };
    }

    app.decorate('authenticate', async (token: string) => {
      try {
        return await scope(await verifier.verify(token));
      } catch (error) {
        if (error instanceof AuthError) {
          if (error.code === 'idp_unavailable') throw Object.assign(new Error('identity provider unavailable'), { statusCode: 503 });
          throw new UnauthorizedError('invalid_token');
        }
        throw error;
      }
    });
    app.decorateRequest('user', null);
    const table: { method: string; url: string; access: RouteAccess }[] = [];
    app.decorate('routeAccessTable', table);

    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat().map(String);
      if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
        route.config = { ...(route.config as object), access: 'public' };
        for (const method of methods) table.push({ method, url: route.url, access: 'public' });
        return;
      }
      const access = (route.config as { access?: RouteAccess } | undefined)?.access;
      if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access (config.access: 'public' or { roles }).`);
      for (const method of methods) table.push({ method, url: route.url, access });
      if (access === 'public') return;
      const roles = access.roles;
      const guard = async (request: FastifyRequest) => {
        const token = bearerToken(request);
        if (!token) throw new UnauthorizedError('unauthorized');
        const user = await app.authenticate(token);
        if (!user.roles.some((r) => roles.includes(r))) throw new ForbiddenError('role_forbidden');
        request.user = user;
      };
      // After the hooks already on the route: the rate limiter (http-security, registered first) must
      // count every request, 401s too, before a token costs a signature check and database queries.
      const existing = route.onRequest;
      route.onRequest = existing ? [...(Array.isArray(existing) ? existing : [existing]), guard] : [guard];
    });
  },
  { name: 'auth', dependencies: ['config', 'prisma', 'http-security'] },
);

/** The signed-in user of a protected route (the guard has run). */
export function currentUser(request: FastifyRequest): StaffUser {
  if (!request.user) throw new UnauthorizedError();
  return request.user;
}

/**
 * Throws unless the user may act on this location. Another tenant's or an unassigned location
 * answers 404, so ids of other offices are not even confirmed to exist.
 */
export function assertLocationAccess(user: StaffUser, locationId: string): void {
  if (!user.locationIds.includes(locationId)) throw new NotFoundError('location_not_found');
}
