import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { FastifyRequest } from 'fastify';
import { socketClientMessage, type SocketClientMessage } from '@termin/contracts';
import { DomainError } from '@termin/domain';
import { requestLanguage } from '../i18n/language';
import { translate } from '../i18n/error-messages';
import { QueueHub, send, type SocketView, type Subscriber } from './queue-hub';
import type { StaffUser } from './auth';

/** Close codes: 4400 unreadable message, 4401 no, invalid or expired token (reason `token_expired`), 4404 unknown location or booking code. */
const CLOSE = { invalid: 4400, unauthorized: 4401, notFound: 4404 } as const;
const STAFF_ROLES = ['staff', 'admin'];

/**
 * The live queue over WebSocket at GET /api/v1/queue/ws. The HTTP upgrade itself is public; who may
 * see what is decided by the subscribe message (its token or one-time ticket), see packages/queue/README.md.
 */
export default fp<{ now?: () => Date }>(
  async (app, { now = () => new Date() }) => {
    await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
    const hub = new QueueHub(app.services.queue, app.log, now);
    const stopListening = app.queueEvents.listen((event) => hub.handle(event));
    const alive = new WeakMap<WebSocket, boolean>();
    // A subscription made with a token ends when the token does (see expireAt below).
    const expiryTimers = new Map<WebSocket, NodeJS.Timeout>();
    const stopExpiryTimer = (socket: WebSocket) => {
      clearTimeout(expiryTimers.get(socket));
      expiryTimers.delete(socket);
    };

    // Abuse limits, counted before a message is even parsed: a flood of subscribe frames would
    // otherwise cost a Redis, token or database round trip each. Counted per API process (each
    // instance holds its own sockets); the counters start afresh every RATE_LIMIT_WINDOW_MS.
    const sent = new WeakMap<WebSocket, number>();
    const sentByAddress = new Map<string, number>();
    const openByAddress = new Map<string, number>();
    const resetCounts = setInterval(() => {
      sentByAddress.clear();
      for (const client of app.websocketServer.clients) sent.set(client, 0);
    }, app.config.RATE_LIMIT_WINDOW_MS);
    resetCounts.unref();
    /** Counts a message; false when the socket or its address is over its limit. */
    function withinLimits(socket: WebSocket, address: string): boolean {
      const mine = (sent.get(socket) ?? 0) + 1;
      const theirs = (sentByAddress.get(address) ?? 0) + 1;
      sent.set(socket, mine);
      sentByAddress.set(address, theirs);
      return mine <= app.config.WS_MESSAGES_PER_SOCKET && theirs <= app.config.WS_MESSAGES_PER_ADDRESS;
    }

    // Heartbeat: a socket that did not answer the previous ping (a dead tablet, a cut network) is dropped.
    const heartbeat = setInterval(() => {
      for (const client of app.websocketServer.clients) {
        if (alive.get(client) === false) {
          hub.remove(client);
          client.terminate();
          continue;
        }
        alive.set(client, false);
        client.ping();
      }
    }, app.config.WS_HEARTBEAT_MS);
    heartbeat.unref();
    app.addHook('onClose', async () => {
      clearInterval(heartbeat);
      clearInterval(resetCounts);
      for (const timer of expiryTimers.values()) clearTimeout(timer);
      expiryTimers.clear();
      stopListening();
    });

    function refuse(socket: WebSocket, request: FastifyRequest, code: string, closeCode: number) {
      send(socket, { type: 'error', data: { code, message: translate(requestLanguage(request), code) } });
      socket.close(closeCode, code);
    }

    /**
     * The rights behind a staff subscription (roles, locations, an enabled account) are those of its
     * token; the API learns of a change only with the next token. So the subscription lasts exactly as
     * long as the token: at its expiry the socket gets `token_expired` and close 4401, and the screen
     * reconnects with a fresh ticket, which its app's server can only get with a renewed sign-in that
     * carries the current rights (a disabled account gets none, a removed location is refused).
     */
    function expireAt(socket: WebSocket, request: FastifyRequest, expiresAt: number) {
      const end = () => {
        stopExpiryTimer(socket);
        hub.remove(socket);
        if (socket.readyState === socket.OPEN) refuse(socket, request, 'token_expired', CLOSE.unauthorized);
      };
      stopExpiryTimer(socket);
      // setTimeout holds at most 2^31 − 1 ms; a longer token is still checked before every send.
      const timer = setTimeout(end, Math.min(Math.max(0, expiresAt - now().getTime()), 2 ** 31 - 1));
      timer.unref();
      expiryTimers.set(socket, timer);
      return { expiresAt, end };
    }

    async function subscribe(socket: WebSocket, request: FastifyRequest, message: SocketClientMessage) {
      if (message.type === 'subscribe_position') {
        const position = await app.services.queue.positionOf(message.bookingCode);
        stopExpiryTimer(socket);
        const subscriber = { socket, view: 'position' as const, locationId: position.locationId, bookingCode: message.bookingCode };
        hub.add(subscriber);
        send(socket, { type: 'subscribed', data: { locationId: position.locationId, view: 'position' } });
        send(socket, { type: 'position_update', data: position });
        return;
      }
      let view: SocketView;
      let access: Subscriber['access'];
      if (message.token || message.ticket) {
        let user: StaffUser | null;
        if (message.ticket) {
          user = await app.services.socketTickets.redeem(message.ticket);
          if (!user) return refuse(socket, request, 'invalid_token', CLOSE.unauthorized);
        } else {
          user = await app.authenticate(message.token!);
        }
        // A ticket may outlive the token it was issued for by up to its 30 seconds.
        if (user.expiresAt <= now().getTime()) return refuse(socket, request, 'token_expired', CLOSE.unauthorized);
        if (!user.locationIds.includes(message.locationId)) return refuse(socket, request, 'location_not_found', CLOSE.notFound);
        // Kiosk and display accounts stand in public: they never get the staff view.
        view = user.roles.some((r) => STAFF_ROLES.includes(r)) ? (message.view ?? 'staff') : 'display';
        access = expireAt(socket, request, user.expiresAt);
      } else {
        if (!app.config.DEV_OPEN_SOCKETS) return refuse(socket, request, 'unauthorized', CLOSE.unauthorized);
        const exists = await app.db.location.count({ where: { id: message.locationId } });
        if (!exists) return refuse(socket, request, 'location_not_found', CLOSE.notFound);
        view = message.view ?? 'display';
        stopExpiryTimer(socket);
      }
      const subscriber: Subscriber = { socket, view, locationId: message.locationId, ...(access ? { access } : {}) };
      hub.add(subscriber);
      send(socket, { type: 'subscribed', data: { locationId: message.locationId, view } });
      await hub.greet(subscriber);
    }

    app.get('/api/v1/queue/ws', { websocket: true, config: { access: 'public' }, schema: { hide: true } }, (socket, request) => {
      const address = request.ip;
      const open = (openByAddress.get(address) ?? 0) + 1;
      if (open > app.config.WS_SOCKETS_PER_ADDRESS) {
        request.log.warn('queue socket refused: too many open sockets from one address');
        socket.terminate();
        return;
      }
      openByAddress.set(address, open);
      alive.set(socket, true);
      socket.on('pong', () => alive.set(socket, true));
      socket.on('close', () => {
        hub.remove(socket);
        stopExpiryTimer(socket);
        const left = (openByAddress.get(address) ?? 1) - 1;
        if (left > 0) openByAddress.set(address, left);
        else openByAddress.delete(address);
      });
      socket.on('message', (raw) => {
        if (socket.readyState !== socket.OPEN) return;
        if (!withinLimits(socket, address)) {
          // No answer, no close handshake: the socket is cut off at once and its subscription dropped.
          request.log.warn('queue socket cut off: message limit exceeded');
          hub.remove(socket);
          socket.terminate();
          return;
        }
        let message: SocketClientMessage;
        try {
          message = socketClientMessage.parse(JSON.parse(String(raw)));
        } catch {
          return refuse(socket, request, 'bad_request', CLOSE.invalid);
        }
        subscribe(socket, request, message).catch((error: unknown) => {
          if (error instanceof DomainError) {
            const closeCode = error.status === 'unauthorized' || error.status === 'forbidden' ? CLOSE.unauthorized : CLOSE.notFound;
            return refuse(socket, request, error.code, closeCode);
          }
          request.log.error({ err: error }, 'queue socket subscription failed');
          refuse(socket, request, 'internal', 1011);
        });
      });
    });
  },
  { name: 'queue-socket', dependencies: ['prisma', 'auth', 'queue-events', 'services'] },
);
