import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, statisticsCsvQuery, statisticsQuery, statisticsResponse } from '@termin/contracts';
import { currentUser } from '../plugins/auth';
import { requestLanguage } from '../i18n/language';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

/**
 * Statistics of the admin's municipality (every location the admin may see, or one of them) for a
 * range of local days, as JSON for the screen and as CSV for spreadsheets.
 */
const adminStatisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/admin/statistics',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'Bookings, cancellations, check-ins, no-shows, walk-ins, waiting and service times, load and utilisation of a range of local days',
        security: [{ bearer: [] }],
        querystring: statisticsQuery,
        response: { 200: statisticsResponse, ...errors },
      },
    },
    async (request) => app.services.statistics.figures(currentUser(request), request.query),
  );

  app.get(
    '/api/v1/admin/statistics/csv',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'The statistics as CSV: UTF-8 with BOM, ";" between cells, one row per location and service and the total; decimal comma unless decimal=point',
        security: [{ bearer: [] }],
        querystring: statisticsCsvQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv'), ...errors },
      },
    },
    async (request, reply) => {
      const { decimal, lang: _lang, ...query } = request.query;
      const lang = requestLanguage(request) === 'de' ? 'de' : 'en';
      const csv = await app.services.statistics.csv(currentUser(request), query, lang, decimal);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="statistics-${query.from}-${query.to}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );
};

export default adminStatisticsRoutes;
