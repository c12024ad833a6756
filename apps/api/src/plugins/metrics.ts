import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { z } from 'zod';
import { metricsScrapeAllowed } from '@termin/config';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route whose success is counted as a booking or a check-in in `/metrics`. */
    counts?: 'bookings' | 'checkins';
  }
}

// The status that means "it happened": a booking replayed by its Idempotency-Key answers 200 and
// is not a new booking.
const countedStatus = { bookings: 201, checkins: 200 } as const;

/**
 * Prometheus metrics of this API instance at `/metrics`, for a scraper that sends METRICS_TOKEN
 * (the API is routed to the internet, so without a token the endpoint does not exist). Routes are
 * labelled by their pattern, never by the path, so no booking code reaches the metrics.
 */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'termin_api_' });
    const latency = new Histogram({
      name: 'termin_http_request_duration_seconds',
      help: 'Time from request to response, per route pattern, method and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    const counters = {
      bookings: new Counter({ name: 'termin_bookings_total', help: 'Appointments booked through this API instance', registers: [registry] }),
      checkins: new Counter({ name: 'termin_checkins_total', help: 'Check-ins (kiosk, counter, citizen) through this API instance', registers: [registry] }),
    };

    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      latency.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      const counts = request.routeOptions.config?.counts;
      if (counts && reply.statusCode === countedStatus[counts]) counters[counts].inc();
      done();
    });

    app.get(
      '/metrics',
      {
        config: { access: 'public' },
        schema: { tags: ['operations'], summary: 'Prometheus metrics (Authorization: Bearer METRICS_TOKEN)', response: { 200: z.string(), 404: z.string() } },
      },
      async (request, reply) => {
        if (!metricsScrapeAllowed(request.headers.authorization, app.config.METRICS_TOKEN)) return reply.status(404).type('text/plain').send('Not Found');
        return reply.type(registry.contentType).send(await registry.metrics());
      },
    );
  },
  { name: 'metrics', dependencies: ['config'] },
);
