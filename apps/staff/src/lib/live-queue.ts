import type { SocketServerMessage } from '@termin/contracts';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface LiveOptions {
  locationId: string;
  view: 'staff' | 'display';
  onMessage(message: SocketServerMessage): void;
  onStatus?(status: LiveStatus): void;
}

/**
 * Keeps a queue WebSocket open for the page: each (re)connect first fetches a one-time ticket from
 * this app's server (which holds the token), and a dropped connection is retried with growing pauses,
 * so a waiting-room screen recovers from a network blip or an API restart on its own.
 */
export function connectLiveQueue(options: LiveOptions): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const retry = () => {
    if (stopped) return;
    options.onStatus?.('offline');
    const delay = Math.min(30_000, 1_000 * 2 ** failures++);
    retryTimer = setTimeout(open, delay);
  };

  async function open() {
    if (stopped) return;
    options.onStatus?.('connecting');
    let ticket: string;
    let socketUrl: string;
    try {
      const res = await fetch('/live-ticket', { method: 'POST' });
      if (!res.ok) throw new Error(`ticket ${res.status}`);
      ({ ticket, socketUrl } = (await res.json()) as { ticket: string; socketUrl: string });
    } catch {
      retry();
      return;
    }
    if (stopped) return;
    const ws = new WebSocket(socketUrl);
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', locationId: options.locationId, ticket, view: options.view }));
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as SocketServerMessage;
      if (message.type === 'subscribed') {
        failures = 0;
        options.onStatus?.('live');
      }
      options.onMessage(message);
    };
    ws.onclose = (event) => {
      if (socket === ws) socket = null;
      // The API ends a subscription when the access token behind it expires; a live screen reconnects
      // at once with a fresh ticket (this app's server renews the sign-in), without the usual pause.
      if (event.code === 4401 && event.reason === 'token_expired' && failures === 0 && !stopped) {
        failures = 1;
        void open();
        return;
      }
      retry();
    };
  }

  void open();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    socket?.close();
  };
}
