import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import { toDisplayEntry, type SocketServerMessage } from '@termin/contracts';
import type { QueueEvent } from '@termin/queue';
import type { Services } from '../services';

export type SocketView = 'staff' | 'display' | 'position';

export interface Subscriber {
  socket: WebSocket;
  view: SocketView;
  locationId: string;
  /** Position subscribers only: whose position to tell. */
  bookingCode?: string;
  /**
   * Subscriptions made with a token or ticket: the token's expiry (epoch ms) and how the socket is
   * ended then. Nothing more is sent to an expired subscription, so names stop with the token.
   */
  access?: { expiresAt: number; end(): void };
}

export function send(socket: WebSocket, message: SocketServerMessage | string | Buffer): void {
  if (socket.readyState !== socket.OPEN) return;
  // A Buffer goes out as a text frame without being encoded again for every socket.
  if (Buffer.isBuffer(message)) socket.send(message, { binary: false });
  else socket.send(typeof message === 'string' ? message : JSON.stringify(message));
}

/**
 * The sockets of this instance by location, and what each of them receives when a queue changes.
 * Everything sent is read fresh from the database, once per event and location, not once per socket.
 * Staff sockets get the full staff view; display sockets only ticket, counter and status; position
 * sockets only their own position.
 */
export class QueueHub {
  private readonly byLocation = new Map<string, Set<Subscriber>>();
  private readonly bySocket = new Map<WebSocket, Subscriber>();
  // Events of one location are handled in order, so an older snapshot never overtakes a newer one.
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly queue: Services['queue'],
    private readonly log: FastifyBaseLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The subscribers whose access still holds. One whose token has expired is dropped and ended here,
   * right before a send, whatever its expiry timer did, so no message reaches it after its token.
   */
  private current(subscribers: Subscriber[]): Subscriber[] {
    const at = this.now().getTime();
    return subscribers.filter((s) => {
      if (!s.access || s.access.expiresAt > at) return true;
      this.remove(s.socket);
      s.access.end();
      return false;
    });
  }

  add(subscriber: Subscriber): void {
    this.remove(subscriber.socket);
    // Closed while its subscription was being checked: nothing to keep.
    if (subscriber.socket.readyState !== subscriber.socket.OPEN) return;
    this.bySocket.set(subscriber.socket, subscriber);
    let set = this.byLocation.get(subscriber.locationId);
    if (!set) this.byLocation.set(subscriber.locationId, (set = new Set()));
    set.add(subscriber);
  }

  remove(socket: WebSocket): void {
    const subscriber = this.bySocket.get(socket);
    if (!subscriber) return;
    this.bySocket.delete(socket);
    const set = this.byLocation.get(subscriber.locationId);
    set?.delete(subscriber);
    if (set?.size === 0) this.byLocation.delete(subscriber.locationId);
  }

  get size(): number {
    return this.bySocket.size;
  }

  /** What a new subscriber sees at once. */
  async greet(subscriber: Subscriber): Promise<void> {
    if (this.current([subscriber]).length === 0) return;
    if (subscriber.view === 'position') {
      send(subscriber.socket, { type: 'position_update', data: await this.queue.positionOf(subscriber.bookingCode!) });
      return;
    }
    const entries = await this.queue.snapshot(subscriber.locationId);
    send(subscriber.socket, { type: 'queue_update', data: subscriber.view === 'staff' ? entries : entries.map(toDisplayEntry) });
  }

  handle(event: QueueEvent): void {
    if (!this.byLocation.has(event.locationId)) return;
    const previous = this.chains.get(event.locationId) ?? Promise.resolve();
    const next = previous
      .then(() => this.deliver(event))
      .catch((error: Error) => this.log.warn({ err: { message: error.message }, eventType: event.type }, 'queue event not delivered'))
      .finally(() => {
        if (this.chains.get(event.locationId) === next) this.chains.delete(event.locationId);
      });
    this.chains.set(event.locationId, next);
  }

  private async deliver(event: QueueEvent): Promise<void> {
    const subscribers = this.current([...(this.byLocation.get(event.locationId) ?? [])]);
    if (subscribers.length === 0) return;
    const staff = subscribers.filter((s) => s.view === 'staff');
    const display = subscribers.filter((s) => s.view === 'display');
    const position = subscribers.filter((s) => s.view === 'position');

    if (event.type === 'appointment_changed') {
      const { appointmentId, change, status, startsAt } = event;
      broadcast(staff, { type: 'appointment_update', data: { appointmentId, change, status, startsAt } });
      return;
    }
    if (event.type === 'called') {
      broadcast([...staff, ...display], { type: 'next_ticket', data: { ticket: event.ticket, counter: event.counter } });
    }
    // Both reads start at once; the short announcement goes out first, the whole queue right after.
    const snapshot = staff.length || display.length ? this.queue.snapshot(event.locationId) : null;
    snapshot?.catch(() => undefined);
    if (event.type === 'checked_in' && staff.length) {
      const appointment = await this.queue.checkedInAppointment(event.appointmentId);
      if (appointment) broadcast(this.current(staff), { type: 'appointment_checkin', data: appointment });
    }
    if (snapshot) {
      const entries = await snapshot;
      // Checked again after the reads: a token may have expired while they ran.
      broadcast(this.current(staff), { type: 'queue_update', data: entries });
      broadcast(this.current(display), { type: 'queue_update', data: entries.map(toDisplayEntry) });
    }
    for (const subscriber of position) {
      const data = await this.queue.positionOf(subscriber.bookingCode!).catch(() => null);
      if (data) send(subscriber.socket, { type: 'position_update', data });
    }
  }
}

function broadcast(subscribers: Subscriber[], message: SocketServerMessage): void {
  if (subscribers.length === 0) return;
  const frame = Buffer.from(JSON.stringify(message));
  for (const s of subscribers) send(s.socket, frame);
}
