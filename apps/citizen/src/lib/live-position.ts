import type { QueuePosition, SocketServerMessage } from '@termin/contracts';

export interface FollowOptions {
  socketUrl: string;
  bookingCode: string;
  onPosition(position: QueuePosition): void;
  /** true once the socket is subscribed, false when it dropped (the page polls again meanwhile). */
  onLive(live: boolean): void;
}

/**
 * Follows one ticket over the API's queue socket: the booking code is the subscription's only key,
 * and the API sends this ticket's position and counter, nothing about anyone else. A dropped
 * connection is retried with growing pauses; a refusal (4400–4499: unknown code, no ticket any
 * more) is final, and the page's polling carries on.
 */
export function followPosition(options: FollowOptions): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  function open() {
    if (stopped) return;
    const ws = new WebSocket(options.socketUrl);
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe_position', bookingCode: options.bookingCode }));
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as SocketServerMessage;
      if (message.type === 'subscribed') {
        failures = 0;
        options.onLive(true);
      } else if (message.type === 'position_update') {
        options.onPosition(message.data);
      }
    };
    ws.onclose = (event) => {
      if (socket === ws) socket = null;
      options.onLive(false);
      if (stopped || (event.code >= 4400 && event.code < 4500)) return;
      retryTimer = setTimeout(open, Math.min(30_000, 1_000 * 2 ** failures++));
    };
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    socket?.close();
  };
}
