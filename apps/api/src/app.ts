import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiConfig } from '@termin/config';
import { deferredChildLoggerFactory, loggerOptions } from './logger';
import configPlugin from './plugins/config';
import prismaPlugin from './plugins/prisma';
import redisPlugin from './plugins/redis';
import jobsPlugin from './plugins/jobs';
import httpSecurity from './plugins/http-security';
import openapi from './plugins/openapi';
import auth from './plugins/auth';
import errorHandler, { frameworkError } from './plugins/error-handler';
import metrics from './plugins/metrics';
import healthRoutes from './routes/health';
import meRoutes from './routes/staff-me';
import auditLogRoutes from './routes/admin-audit-log';
import socketTicketRoutes from './routes/socket-tickets';
import queueEvents from './plugins/queue-events';
import availabilityCache from './plugins/availability-cache';
import services from './plugins/services';
import queueSocket from './plugins/queue-socket';
import checkinRoutes from './routes/queue-checkin';
import queueStaffRoutes from './routes/queue-staff';
import backofficeRoutes from './routes/backoffice';
import counterRoutes from './routes/counters';
import deadLetterRoutes from './routes/admin-dead-letters';
import dataRequestRoutes from './routes/admin-data-requests';
import manageBookingRoutes from './routes/appointments-manage';
import bookingFileRoutes from './routes/appointments-files';
import publicLocationRoutes from './routes/public-locations';
import availabilityRoutes from './routes/availability';
import bookingRoutes from './routes/appointments-book';
import adminLocationRoutes from './routes/admin-locations';
import adminServiceRoutes from './routes/admin-services';
import adminCounterRoutes from './routes/admin-counters';
import adminScheduleRoutes from './routes/admin-schedule';
import workstationRoutes from './routes/workstations';
import adminTenantRoutes from './routes/admin-tenant';
import platformTenantRoutes from './routes/platform-tenants';
import tenantPortalRoutes from './routes/tenant-portal';
import workstationDeskRoutes from './routes/workstation-desk';
import adminStatisticsRoutes from './routes/admin-statistics';

export interface BuildAppOptions {
  config: ApiConfig;
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  logger?: FastifyServerOptions['logger'];
  /** The clock of time-bound caches and of the services (booking rules, check-in windows, today's queue); tests pass one they can move. */
  now?: () => Date;
}

/** Builds the API without listening; tests use `app.inject`, server.ts listens. */
export async function buildApp({ config, logStream, logger, now }: BuildAppOptions) {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.LOG_LEVEL, logStream),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 64 * 1024,
    genReqId: () => crypto.randomUUID(),
    childLoggerFactory: deferredChildLoggerFactory,
    frameworkErrors: frameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(configPlugin, { config });
  await app.register(errorHandler);
  await app.register(metrics);
  await app.register(prismaPlugin);
  await app.register(redisPlugin);
  await app.register(jobsPlugin);
  await app.register(httpSecurity);
  await app.register(auth);
  await app.register(openapi);
  await app.register(queueEvents);
  await app.register(availabilityCache, { now });
  await app.register(services, { now });
  await app.register(queueSocket, { now });

  await app.register(healthRoutes);
  await app.register(meRoutes);
  await app.register(auditLogRoutes);
  await app.register(socketTicketRoutes);
  await app.register(checkinRoutes);
  await app.register(queueStaffRoutes);
  await app.register(backofficeRoutes);
  await app.register(counterRoutes);
  await app.register(deadLetterRoutes);
  await app.register(dataRequestRoutes);
  await app.register(manageBookingRoutes);
  await app.register(bookingFileRoutes);
  await app.register(publicLocationRoutes);
  await app.register(availabilityRoutes);
  await app.register(bookingRoutes);
  await app.register(adminLocationRoutes);
  await app.register(adminServiceRoutes);
  await app.register(adminCounterRoutes);
  await app.register(adminScheduleRoutes);
  await app.register(workstationRoutes);
  await app.register(adminTenantRoutes);
  await app.register(platformTenantRoutes);
  await app.register(tenantPortalRoutes);
  await app.register(workstationDeskRoutes);
  await app.register(adminStatisticsRoutes);

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
