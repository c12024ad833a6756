import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  callNextBody,
  callNextResponse,
  callTicketBody,
  errorResponse,
  locationIdParams,
  queueEntryIdParams,
  queueEntryResponse,
  queueSnapshotResponse,
  walkInBody,
} from '@termin/contracts';
import { assertLocationAccess, currentUser } from '../plugins/auth';

const staff = { roles: ['staff', 'admin'] } as const;
const failures = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** The clerk's side of the waiting room: the live list, walk-in tickets and calling at a counter. */
const queueStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/locations/:locationId/queue',
    {
      config: { access: staff },
      schema: {
        tags: ['queue'],
        summary: "Today's queue of a location: called tickets, then waiting ones in calling order",
        security: [{ bearer: [] }],
        params: locationIdParams,
        response: { 200: queueSnapshotResponse, ...failures },
      },
    },
    async (request) => {
      assertLocationAccess(currentUser(request), request.params.locationId);
      return { entries: await app.services.queue.snapshot(request.params.locationId) };
    },
  );

  app.post(
    '/api/v1/locations/:locationId/queue/walk-ins',
    {
      config: { access: { roles: ['staff', 'admin', 'kiosk'] } },
      schema: {
        tags: ['queue'],
        summary: 'Draw a ticket for a citizen without an appointment',
        security: [{ bearer: [] }],
        params: locationIdParams,
        body: walkInBody,
        response: { 201: queueEntryResponse, ...failures },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      const entry = await app.services.queue.createWalkIn({ actor: user, locationId: request.params.locationId, serviceId: request.body.serviceId });
      return reply.status(201).send({ entry });
    },
  );

  app.post(
    '/api/v1/locations/:locationId/queue/call-next',
    {
      config: { access: staff },
      schema: {
        tags: ['queue'],
        summary: 'Call the next citizen to a counter (entry is null when nobody is waiting)',
        security: [{ bearer: [] }],
        params: locationIdParams,
        body: callNextBody,
        response: { 200: callNextResponse, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      const entry = await app.services.queue.callNext({ actor: user, locationId: request.params.locationId, ...request.body });
      return { entry };
    },
  );

  app.post(
    '/api/v1/queue-entries/:id/call',
    {
      config: { access: staff },
      schema: {
        tags: ['queue'],
        summary: 'Call one particular waiting ticket to a counter',
        security: [{ bearer: [] }],
        params: queueEntryIdParams,
        body: callTicketBody,
        response: { 200: queueEntryResponse, ...failures },
      },
    },
    async (request) => {
      const entry = await app.services.queue.callTicket({ actor: currentUser(request), queueEntryId: request.params.id, counterId: request.body.counterId });
      return { entry };
    },
  );

  const { recall, complete, markNoShow, requeue } = app.services.queue;
  const actions = [
    ['recall', 'Call a called ticket once more', recall],
    ['complete', 'Served: the ticket and its appointment are done', complete],
    ['no-show', 'Did not come: ticket and appointment become no-shows', markNoShow],
    ['requeue', 'Send a called citizen back to the end of the line', requeue],
  ] as const;
  for (const [path, summary, action] of actions) {
    app.post(
      `/api/v1/queue-entries/:id/${path}`,
      {
        config: { access: staff },
        schema: { tags: ['queue'], summary, security: [{ bearer: [] }], params: queueEntryIdParams, response: { 200: queueEntryResponse, ...failures } },
      },
      async (request) => ({ entry: await action({ actor: currentUser(request), queueEntryId: request.params.id }) }),
    );
  }
};

export default queueStaffRoutes;
