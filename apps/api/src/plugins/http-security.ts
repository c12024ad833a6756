import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';

/** Security headers, CORS from config only, and rate limits shared by all API instances through Redis. */
export default fp(
  async (app) => {
    await app.register(helmet, {
      // The API serves JSON and the docs page; the docs need inline styles and scripts.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-site' },
    });
    await app.register(cors, {
      origin: app.config.CORS_ORIGINS,
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'Accept-Language'],
    });
    await app.register(rateLimit, {
      global: true,
      max: app.config.RATE_LIMIT_MAX,
      timeWindow: app.config.RATE_LIMIT_WINDOW_MS,
      redis: app.redis,
      nameSpace: `${app.config.REDIS_PREFIX}:ratelimit:`,
      // If Redis is away, let requests through rather than locking every citizen out.
      skipOnError: true,
      errorResponseBuilder: (_request, context) => {
        const error = new Error('rate limited') as Error & { statusCode: number };
        error.statusCode = context.statusCode;
        return error;
      },
    });
  },
  { name: 'http-security', dependencies: ['config', 'redis'] },
);
