import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponse, manageBookingParams, manageBookingQuery, manageBookingHeaders } from '@termin/contracts';
import { requestLanguage } from '../i18n/language';

const qrQuery = z.strictObject({ lang: z.enum(['de', 'en']).optional() });

/**
 * Downloads for the citizen's booking: the calendar entry (needs the e-mail, it shows time and
 * place) and the check-in QR code (needs only the code, because it holds nothing but the public
 * check-in address that the code already gives).
 */
const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const rateLimit = { max: app.config.RATE_LIMIT_BOOKING_MAX, timeWindow: app.config.RATE_LIMIT_WINDOW_MS };
  const errors = { 400: errorResponse, 404: errorResponse, 429: errorResponse };

  app.get(
    '/api/v1/appointments/by-code/:code/calendar.ics',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['booking'],
        summary: 'The booking as an iCalendar file (METHOD:CANCEL once cancelled)',
        params: manageBookingParams,
        querystring: manageBookingQuery,
        headers: manageBookingHeaders,
        produces: ['text/calendar'],
        response: { 200: z.string().describe('text/calendar'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await app.services.files.calendar({ code: request.params.code, email: request.headers['booking-email'] }, requestLanguage(request));
      return (
        reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          // Changes with every reschedule, and says when and where someone will be.
          .header('cache-control', 'private, no-store')
          .send(file.content)
      );
    },
  );

  const qrSchema = <T extends z.ZodType>(format: string, image: T) => ({
    tags: ['booking'],
    summary: `Check-in QR code as ${format}: encodes the public check-in address of the booking`,
    params: manageBookingParams,
    querystring: qrQuery,
    produces: [format],
    response: { 200: image.describe(format), ...errors },
  });
  // The code never changes and the image holds only the check-in address: a private cache is fine.
  const qrCache = 'private, max-age=86400';

  app.get('/api/v1/appointments/by-code/:code/qr.png', { config: { access: 'public', rateLimit }, schema: qrSchema('image/png', z.any()) }, async (request, reply) => {
    const png = await app.services.files.checkinQr(request.params.code, 'png');
    return reply.header('content-type', 'image/png').header('cache-control', qrCache).send(png);
  });

  app.get(
    '/api/v1/appointments/by-code/:code/qr.svg',
    { config: { access: 'public', rateLimit }, schema: qrSchema('image/svg+xml', z.string()) },
    async (request, reply) => {
      const svg = await app.services.files.checkinQr(request.params.code, 'svg');
      return reply.header('content-type', 'image/svg+xml; charset=utf-8').header('cache-control', qrCache).send(svg);
    },
  );
};

export default fileRoutes;
