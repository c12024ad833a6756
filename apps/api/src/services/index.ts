import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '@termin/config';
import {
  availableDays,
  availableSlots,
  backofficeSlots,
  bookAppointment,
  cachedServiceUsage,
  cancelBooking,
  createBookingBatches,
  createDataRequests,
  findBookingForQr,
  findOwnBooking,
  listPublicLocations,
  listPublicServices,
  lookupBooking,
  rescheduleBooking,
  tenantLogo,
  tenantPortal,
  searchAppointments,
  staffBook,
  staffCancel,
  staffReschedule,
  type BackofficeActor,
  type BookingCredentials,
  type BookingInput,
  type ManageDeps,
  statistics,
  statisticsCsv,
  type CsvDecimal,
  type CsvLang,
} from '@termin/booking';
import type { StatisticsQuery } from '@termin/contracts';
import { listAuditLog, sqlState, staffLocations, type AuditLogQuery, type Db } from '@termin/db';
import { createDeadLetterAdmin, type JobQueues } from '@termin/jobs';
import { calendarFile, calendarUid, citizenLinks, qrPng, qrSvg, serviceNameIn, type Lang } from '@termin/notifications';
import {
  activeCounters,
  callNext,
  callTicket,
  checkedInAppointment,
  checkIn,
  complete,
  selfCheckIn,
  createWalkIn,
  markNoShow,
  positionOf,
  queueSnapshot,
  recall,
  requeue,
  todayAppointments,
  setCounterState,
  setVisitNote,
  displaySettings,
  saveDisplaySettings,
  displayBoard,
  type QueueDeps,
  type QueueEvent,
} from '@termin/queue';
import { createAdminServices } from './admin-config';
import { bindDeps } from './bind-deps';
import { createReadiness } from './readiness';
import { createSocketTickets } from './socket-tickets';
import { createBookingBudget } from './booking-budget';
import { createBookingChallenge } from './booking-challenge';
import { createHmac } from 'node:crypto';

export interface ServiceDeps {
  config: ApiConfig;
  db: Db;
  redis: Redis;
  redisKey: (name: string) => string;
  jobs: JobQueues;
  /** Announces a committed queue change to every API instance. */
  publish: (event: QueueEvent) => Promise<void>;
  log: FastifyBaseLogger;
  now?: () => Date;
}

/** Every service the routes and sockets call, with its dependencies; made once when the app starts. */
export function createServices({ config, db, redis, redisKey, jobs, publish, log, now = () => new Date() }: ServiceDeps) {
  const links = (bookingCode: string) => citizenLinks(config.CITIZEN_BASE_URL, bookingCode);
  const manageDeps = (): ManageDeps => ({ db, now: now(), contactHashSecret: config.CONTACT_HASH_SECRET });
  const queueDeps = (): QueueDeps => ({ db, now: now(), publish });

  const serviceUsage = cachedServiceUsage();
  const batches = createBookingBatches(db, {
    // The bookings are retried one by one and answered; a failing batch still means something is
    // wrong. Only the SQLSTATE is logged: PostgreSQL's messages can quote the values of a booking.
    onBatchError: (error, size) => log.warn({ sqlState: sqlState(error), size }, 'a booking batch failed; its bookings were retried one by one'),
  });

  const manage = bindDeps(manageDeps, { lookup: lookupBooking, cancel: cancelBooking, reschedule: rescheduleBooking });

  return {
    readiness: createReadiness({ db, redis }),
    booking: {
      /** Books and answers the booking with the citizen's links (manage page, check-in). */
      async book(input: BookingInput) {
        const { booking, created } = await bookAppointment({ db, now: now(), contactSecret: config.CONTACT_HASH_SECRET, serviceUsage, batches }, input);
        const { manage: manageLink, checkin } = links(booking.bookingCode);
        return { booking: { ...booking, links: { manage: manageLink, checkin } }, created };
      },
      locations: (tenant: string) => listPublicLocations(db, tenant),
      services: (tenant: string, locationId: string) => listPublicServices(db, tenant, locationId),
      /** The municipality's name, branding and legal texts for the citizen portal. */
      portal: (tenant: string) => tenantPortal(db, tenant),
      logo: (tenant: string) => tenantLogo(db, tenant),
      ...bindDeps(() => ({ db, now: now() }), { days: availableDays, slots: availableSlots }),
    },
    manage,
    backoffice: {
      /** Books on a citizen's behalf (internal places too); answers like the citizen's own booking, without the links. */
      book: (actor: BackofficeActor, locationId: string, input: Parameters<typeof staffBook>[3]) =>
        staffBook({ db, now: now(), contactSecret: config.CONTACT_HASH_SECRET, serviceUsage, batches }, actor, locationId, input),
      ...bindDeps(() => ({ db, now: now() }), { slots: backofficeSlots, search: searchAppointments, cancel: staffCancel, reschedule: staffReschedule }),
    },
    files: {
      /** The booking's calendar entry in `lang`; it needs the e-mail, since it shows time and place. */
      async calendar(credentials: BookingCredentials, lang: Lang) {
        const booking = await findOwnBooking(manageDeps(), credentials);
        return calendarFile({
          lang,
          uid: calendarUid(booking.id),
          sequence: booking.sequence,
          cancelled: booking.status === 'CANCELLED',
          startsAt: booking.startsAt,
          endsAt: booking.endsAt,
          timezone: booking.location.timezone,
          serviceName: serviceNameIn(lang, booking.service),
          location: { name: booking.location.name, address: booking.location.address },
          bookingCode: booking.bookingCode,
          manageUrl: links(booking.bookingCode).manage,
        });
      },
      /** The check-in QR code: only the public check-in address, which the code alone already gives. */
      async checkinQr<F extends 'png' | 'svg'>(code: string, format: F): Promise<F extends 'png' ? Buffer : string> {
        const { bookingCode } = await findBookingForQr({ db }, code);
        const url = links(bookingCode).checkin;
        return (format === 'png' ? qrPng(url) : qrSvg(url)) as Promise<F extends 'png' ? Buffer : string>;
      },
    },
    queue: {
      ...bindDeps(queueDeps, {
        checkIn,
        selfCheckIn,
        positionOf,
        snapshot: queueSnapshot,
        checkedInAppointment,
        createWalkIn,
        callNext,
        callTicket,
        recall,
        complete,
        markNoShow,
        requeue,
        todayAppointments,
        setCounterState,
        setVisitNote,
        saveDisplaySettings,
        displayBoard,
      }),
      counters: (input: { tenantId: string; locationId: string }) => activeCounters(db, { ...input, now: now() }),
      displaySettings: (input: { tenantId: string; locationId: string }) => displaySettings(db, input),
    },
    deadLetters: createDeadLetterAdmin({ db, queues: jobs }),
    auditLog: (query: AuditLogQuery) => listAuditLog(db, query),
    dataRequests: createDataRequests({ db, now, contactHashSecret: config.CONTACT_HASH_SECRET }),
    staffLocations: (locationIds: readonly string[]) => staffLocations(db, locationIds),
    socketTickets: createSocketTickets({ redis, redisKey }),
    bookingBudget: createBookingBudget({
      redis,
      redisKey,
      log,
      limits: { perAddress: config.BOOKING_BUDGET_PER_ADDRESS, perNetwork: config.BOOKING_BUDGET_PER_NETWORK, windowMs: config.BOOKING_BUDGET_WINDOW_MS },
    }),
    bookingChallenge: createBookingChallenge({
      db,
      redis,
      redisKey,
      now,
      settings: {
        // A key of its own for this use when none is configured, so a challenge never signs anything else.
        hmacKey: config.BOOKING_CHALLENGE_SECRET ?? createHmac('sha256', config.CONTACT_HASH_SECRET).update('booking-challenge').digest('hex'),
        expiresMs: config.BOOKING_CHALLENGE_EXPIRES_MS,
        waitMs: config.BOOKING_CHALLENGE_WAIT_MS,
        maxNumber: config.BOOKING_CHALLENGE_MAX_NUMBER,
      },
    }),
    admin: createAdminServices({ db, jobs, log, now }),
    statistics: {
      /** Scoped to the admin's municipality and the locations of their token. */
      figures: (user: { tenantId: string; locationIds: readonly string[] }, query: StatisticsQuery) =>
        statistics({ db }, { tenantId: user.tenantId, locationIds: user.locationIds }, query),
      async csv(user: { tenantId: string; locationIds: readonly string[] }, query: StatisticsQuery, lang: CsvLang, decimal: CsvDecimal) {
        return statisticsCsv(await statistics({ db }, { tenantId: user.tenantId, locationIds: user.locationIds }, query), lang, decimal);
      },
    },
  };
}

export type Services = ReturnType<typeof createServices>;
