import type { Db } from '@termin/db';
import type { AccessFixtures } from './fixtures';

/**
 * One example request per protected route, so the access test can call every route of the table.
 * `allowed` must succeed for a user with the route's role at the demo office Mitte; `foreign` is
 * the same request aimed at another tenant's or an unassigned location (null: the route takes no ids).
 * A new protected route without an entry here fails the access test.
 */
export interface RequestSpec {
  url: string;
  payload?: unknown;
}

export interface RouteExample {
  allowed(ctx: ExampleContext): Promise<RequestSpec> | RequestSpec;
  foreign: ((ctx: ExampleContext) => Promise<RequestSpec> | RequestSpec) | null;
}

export interface ExampleContext {
  db: Db;
  fx: AccessFixtures;
}

export const routeExamples: Record<string, RouteExample> = {
  'GET /api/v1/me': { allowed: () => ({ url: '/api/v1/me' }), foreign: null },
  'POST /api/v1/socket-tickets': { allowed: () => ({ url: '/api/v1/socket-tickets' }), foreign: null },
  'GET /api/v1/admin/audit-log': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/audit-log?locationId=${fx.mitteId}` }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/audit-log?locationId=${fx.otherTenantLocationId}` }),
  },
};
