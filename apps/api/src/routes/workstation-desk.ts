import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  counterIdParams,
  counterResponse,
  counterStateBody,
  displayBoard,
  displaySettingsBody,
  displaySettingsResponse,
  errorResponse,
  locationIdParams,
  queueEntryIdParams,
  queueEntryResponse,
  visitNoteBody,
} from '@termin/contracts';
import { assertLocationAccess, currentUser } from '../plugins/auth';

const clerks = { roles: ['staff', 'admin'] } as const;
const failures = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };

/** The clerk's desk (counter break and closing, the visit note) and the waiting-room display's settings and board. */
const workstationDeskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/api/v1/locations/:locationId/counters/:counterId/state',
    {
      config: { access: clerks },
      schema: {
        tags: ['queue'],
        summary: 'Pause a counter, close it for the rest of the day, or open it again',
        security: [{ bearer: [] }],
        params: counterIdParams,
        body: counterStateBody,
        response: { 200: counterResponse, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      return { counter: await app.services.queue.setCounterState({ actor: user, ...request.params, state: request.body.state }) };
    },
  );

  app.put(
    '/api/v1/queue-entries/:id/note',
    {
      config: { access: clerks },
      schema: {
        tags: ['queue'],
        summary: "The clerk's note about a visit (staff only; empty removes it)",
        security: [{ bearer: [] }],
        params: queueEntryIdParams,
        body: visitNoteBody,
        response: { 200: queueEntryResponse, ...failures },
      },
    },
    async (request) => ({ entry: await app.services.queue.setVisitNote({ actor: currentUser(request), queueEntryId: request.params.id, note: request.body.note }) }),
  );

  app.get(
    '/api/v1/locations/:locationId/display-settings',
    {
      config: { access: clerks },
      schema: {
        tags: ['queue'],
        summary: 'What the waiting-room display of a location shows: how many earlier calls, which counters',
        security: [{ bearer: [] }],
        params: locationIdParams,
        response: { 200: displaySettingsResponse, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      return { settings: await app.services.queue.displaySettings({ tenantId: user.tenantId, locationId: request.params.locationId }) };
    },
  );

  app.put(
    '/api/v1/locations/:locationId/display-settings',
    {
      config: { access: clerks },
      schema: {
        tags: ['queue'],
        summary: "Save the waiting-room display's settings",
        security: [{ bearer: [] }],
        params: locationIdParams,
        body: displaySettingsBody,
        response: { 200: displaySettingsResponse, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      return { settings: await app.services.queue.saveDisplaySettings({ actor: user, locationId: request.params.locationId, settings: request.body }) };
    },
  );

  app.get(
    '/api/v1/locations/:locationId/display',
    {
      config: { access: { roles: ['display', 'staff', 'admin'] } },
      schema: {
        tags: ['queue'],
        summary: "The display's board: its settings, how many wait and the estimated wait (no citizen data)",
        security: [{ bearer: [] }],
        params: locationIdParams,
        response: { 200: displayBoard, ...failures },
      },
    },
    async (request) => {
      const user = currentUser(request);
      assertLocationAccess(user, request.params.locationId);
      return app.services.queue.displayBoard({ tenantId: user.tenantId, locationId: request.params.locationId });
    },
  );
};

export default workstationDeskRoutes;
