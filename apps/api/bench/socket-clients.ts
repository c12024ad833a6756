/**
 * The subscribed screens of the check-in benchmark, in a process of their own so that parsing
 * hundreds of queue updates does not run on the API's event loop. Started by checkin-latency.ts;
 * reports, per ticket, when each socket received its `appointment_checkin` and its `queue_update`.
 */
import WebSocket from 'ws';

interface Start {
  urls: string[];
  locationId: string;
  sockets: number;
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
const clock = () => performance.timeOrigin + performance.now();

const CHECKIN = Buffer.from('{"type":"appointment_checkin"');
const UPDATE = Buffer.from('{"type":"queue_update"');

const checkins: [string, number][] = [];
const updates: [string, number][] = [];

process.once('message', async ({ urls, locationId, sockets: count }: Start) => {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(`${urls[i % urls.length]!.replace('http', 'ws')}/api/v1/queue/ws`);
    let lastSeen = 0;
    // The frames are searched as bytes, not decoded: a thousand sockets' queue updates decoded and
    // scanned as strings kept this one process busier than the API, and every wait for it counted as latency.
    ws.on('message', (raw: Buffer) => {
      const at = clock();
      if (raw.subarray(0, CHECKIN.length).equals(CHECKIN)) {
        checkins.push([(JSON.parse(String(raw)) as { data: { ticketNumber: string } }).data.ticketNumber, at]);
      } else if (raw.subarray(0, UPDATE.length).equals(UPDATE)) {
        // Tickets are numbered A001, A002, …: record each new one the first time this socket sees it.
        for (let n = lastSeen + 1; raw.includes(`"ticketNumber":"A${String(n).padStart(3, '0')}"`); n++) {
          updates.push([`A${String(n).padStart(3, '0')}`, at]);
          lastSeen = n;
        }
      }
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'subscribe', locationId, view: 'staff' }));
    sockets.push(ws);
  }
  process.send!({ type: 'ready' });
  process.once('message', () => {
    for (const ws of sockets) ws.terminate();
    process.send!({ type: 'report', checkins, updates }, () => process.exit(0));
  });
});
