import type { RouteExample } from './route-examples';

/** The statistics routes: the demo office Mitte for a month, and the other municipality's office. */
const range = 'from=2026-10-01&to=2026-10-31';

export const statisticsRouteExamples: Record<string, RouteExample> = {
  'GET /api/v1/admin/statistics': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/statistics?locationId=${fx.mitteId}&${range}` }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/statistics?locationId=${fx.otherTenantLocationId}&${range}` }),
  },
  'GET /api/v1/admin/statistics/csv': {
    allowed: ({ fx }) => ({ url: `/api/v1/admin/statistics/csv?locationId=${fx.mitteId}&${range}` }),
    foreign: ({ fx }) => ({ url: `/api/v1/admin/statistics/csv?locationId=${fx.otherTenantLocationId}&${range}` }),
  },
};
