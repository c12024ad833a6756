/**
 * bench/RESULTS.md from the scenarios' RESULT lines: every figure next to the ceiling it is read
 * against (measured in the same run) and their ratio, and each of the issue's targets met or not met.
 * A scenario without a result is reported as such; the other figures still stand.
 */
export interface ScenarioRun {
  name: 'ceilings' | 'rush' | 'rush-paced' | 'websocket' | 'notifications';
  command: string;
  result?: Record<string, unknown>;
  /** Why there is no result (or why it is doubtful). */
  problem?: string;
  seconds: number;
  loadBefore: string;
  loadAfter: string;
}

interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  loadAtStart: string;
  loadAtEnd: string;
}

type Figure = {
  label: string;
  value: number | null | undefined;
  unit: string;
  ceiling?: { label: string; value: number | null | undefined; unit: string };
  /** A ceiling itself, which the other figures are read against. */
  isCeiling?: boolean;
};
type Target = { label: string; met: boolean | undefined; seen: string };

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const show = (value: number | null | undefined, unit: string) =>
  value === undefined || value === null ? 'no result' : `${value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 2 : 1 })} ${unit}`.trim();
const ratio = (value: number | null | undefined, ceiling: number | null | undefined) =>
  value === undefined || value === null || !ceiling ? '–' : `${(value / ceiling).toFixed(value / ceiling < 0.1 ? 3 : 2)} ×`;

function figureRows(figures: Figure[]): string[] {
  return [
    '| figure | value | ceiling | ratio |',
    '| --- | ---: | --- | ---: |',
    ...figures.map(
      (f) =>
        `| ${f.label} | ${show(f.value, f.unit)} | ${f.ceiling ? `${f.ceiling.label}: ${show(f.ceiling.value, f.ceiling.unit)}` : f.isCeiling ? 'is a ceiling' : 'none'} | ${f.ceiling ? ratio(f.value, f.ceiling.value) : f.isCeiling ? '1 ×' : '–'} |`,
    ),
  ];
}

const at = (result: Record<string, unknown> | undefined, ...keys: string[]): unknown =>
  keys.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), result);

export function renderResults(input: { startedAt: Date; finishedAt: Date; machine: Machine; runs: ScenarioRun[]; missingTools: string[] }): string {
  const find = (name: ScenarioRun['name']) => input.runs.find((r) => r.name === name)?.result;
  const c = find('ceilings');
  const r = find('rush');
  const rp = find('rush-paced');
  const w = find('websocket');
  const n = find('notifications');
  const pgbench = { label: 'pgbench -N', value: num(at(c, 'pgbenchTps')), unit: 'tps' };
  const bare = { label: 'bare Fastify route', value: num(at(c, 'bareRouteRps')), unit: 'req/s' };
  const bareP50 = { label: 'bare route p50', value: num(at(c, 'bareRouteP50Ms')), unit: 'ms' };
  const bareP99 = { label: 'bare route p99', value: num(at(c, 'bareRouteP99Ms')), unit: 'ms' };
  const jobs = { label: 'no-op BullMQ job', value: num(at(c, 'noopJobsPerSecond')), unit: 'jobs/s' };
  const places = num(at(r, 'places')) ?? 7700;
  // The shortest a sell-out could take if every booking cost one pgbench transaction.
  const soldOutCeiling = { label: `${places} × one pgbench transaction`, value: pgbench.value ? Number((places / pgbench.value).toFixed(2)) : undefined, unit: 's' };

  // What both rushes report: their bookings, then the reads during the rush and the database's word.
  const rushBookings = (rush: Record<string, unknown> | undefined): Figure[] => [
    { label: 'time until sold out', value: num(at(rush, 'soldOutSeconds')), unit: 's', ceiling: soldOutCeiling },
    { label: 'bookings/s', value: num(at(rush, 'bookingsPerSecond')), unit: '/s', ceiling: pgbench },
    { label: 'booking p50', value: num(at(rush, 'bookingP50Ms')), unit: 'ms', ceiling: bareP50 },
    { label: 'booking p99', value: num(at(rush, 'bookingP99Ms')), unit: 'ms', ceiling: bareP99 },
    { label: 'booking max', value: num(at(rush, 'bookingMaxMs')), unit: 'ms', ceiling: bareP99 },
  ];
  const rushOutcome = (rush: Record<string, unknown> | undefined): Figure[] => [
    { label: 'availability read p99 during the rush', value: num(at(rush, 'rushReadP99Ms')), unit: 'ms', ceiling: bareP99 },
    { label: 'oversold places (database)', value: num(at(rush, 'oversold')), unit: '', ceiling: { label: 'places', value: places, unit: '' } },
  ];

  const figures: [string, Figure[]][] = [
    ['Ceilings', [pgbench, bare, bareP50, bareP99, jobs].map((f) => ({ ...f, isCeiling: true }))],
    [
      `Release rush (${places} places, ${show(num(at(r, 'clients')), 'clients')}, ${show(num(at(r, 'apiProcesses')), 'API processes')})`,
      [
        ...rushBookings(r),
        { label: 'availability reads (wrk, 200 connections, before the release)', value: num(at(r, 'readsPerSecond')), unit: 'req/s', ceiling: bare },
        { label: 'availability read p99 (before the release)', value: num(at(r, 'readP99Ms')), unit: 'ms', ceiling: bareP99 },
        { label: 'availability read p50 during the rush', value: num(at(r, 'rushReadP50Ms')), unit: 'ms', ceiling: bareP50 },
        ...rushOutcome(r),
      ],
    ],
    [
      `Release rush at a person's pace (the same, each client pausing ${pause(at(rp, 'thinkMs'))} after each answer that is not a booking's)`,
      [...rushBookings(rp), ...rushOutcome(rp)],
    ],
    [
      `WebSocket fan-out (${show(num(at(w, 'sockets')), 'sockets')} over ${show(num(at(w, 'apiInstances')), 'API instances')}, ${show(num(at(w, 'checkins')), 'check-ins')})`,
      [
        { label: '`appointment_checkin` p50', value: num(at(w, 'appointmentCheckin', 'p50')), unit: 'ms', ceiling: bareP50 },
        { label: '`appointment_checkin` p99', value: num(at(w, 'appointmentCheckin', 'p99')), unit: 'ms', ceiling: bareP99 },
        { label: '`queue_update` p50', value: num(at(w, 'queueUpdate', 'p50')), unit: 'ms', ceiling: bareP50 },
        { label: '`queue_update` p99', value: num(at(w, 'queueUpdate', 'p99')), unit: 'ms', ceiling: bareP99 },
        {
          label: '`appointment_checkin` delivered',
          value: num(at(w, 'appointmentCheckin', 'delivered')),
          unit: '',
          ceiling: { label: 'sockets × check-ins', value: num(at(w, 'expectedDeliveries')), unit: '' },
        },
      ],
    ],
    [
      'Notifications (bookings → confirmation e-mail accepted by the SMTP server on loopback)',
      [
        { label: 'confirmations/s end to end', value: num(at(n, 'notificationsPerSecond')), unit: '/s', ceiling: jobs },
        { label: `time until all ${show(num(at(n, 'bookings')), 'bookings')} are confirmed and mailed`, value: num(at(n, 'seconds')), unit: 's' },
        { label: 'duplicates', value: num(at(n, 'duplicates')), unit: '' },
        { label: 'lost', value: num(at(n, 'lost')), unit: '' },
      ],
    ],
  ];

  const below = (value: number | undefined, limit: number) => (value === undefined ? undefined : value < limit);
  const zero = (value: unknown) => (num(value) === undefined ? undefined : value === 0);
  const targets: Target[] = [
    {
      label: '0 oversold slots',
      // Unknown without the saturated rush; the paced one, when it ran, must show none either.
      met: zero(at(r, 'oversold')) && zero(at(rp, 'oversold')) !== false,
      seen: `${show(num(at(r, 'oversold')), 'oversold')}; at a person's pace ${show(num(at(rp, 'oversold')), 'oversold')}`,
    },
    {
      label: '0 lost and 0 duplicated notifications',
      met: num(at(n, 'lost')) === undefined || num(at(n, 'duplicates')) === undefined ? undefined : at(n, 'lost') === 0 && at(n, 'duplicates') === 0,
      seen: `${show(num(at(n, 'lost')), 'lost')}, ${show(num(at(n, 'duplicates')), 'duplicated')}`,
    },
    {
      label: 'sold out within 15 s',
      met: at(r, 'soldOut') === undefined ? undefined : at(r, 'soldOut') === true && (num(at(r, 'soldOutSeconds')) ?? Infinity) <= 15,
      seen: `${show(num(at(r, 'booked')), `of ${places} booked`)} in ${show(num(at(r, 'soldOutSeconds')), 's')}; at a person's pace in ${show(num(at(rp, 'soldOutSeconds')), 's')}`,
    },
    {
      label: 'booking p99 < 100 ms',
      met: below(num(at(r, 'bookingP99Ms')), 100) || below(num(at(rp, 'bookingP99Ms')), 100),
      seen:
        `${show(num(at(r, 'bookingP99Ms')), 'ms')}${closedLoopNote(num(at(r, 'clients')), pgbench.value)}; ` +
        `at a person's pace ${show(num(at(rp, 'bookingP99Ms')), 'ms')} (${show(num(at(rp, 'bookingsPerSecond')), 'bookings/s')})`,
    },
    {
      label: 'availability reads ≥ 20 % of the bare route',
      met: num(at(r, 'readsPerSecond')) === undefined || !bare.value ? undefined : num(at(r, 'readsPerSecond'))! / bare.value >= 0.2,
      seen: ratio(num(at(r, 'readsPerSecond')), bare.value),
    },
    {
      label: 'WebSocket `appointment_checkin` p99 < 100 ms',
      met: below(num(at(w, 'appointmentCheckin', 'p99')), 100),
      seen: show(num(at(w, 'appointmentCheckin', 'p99')), 'ms'),
    },
    { label: 'WebSocket `queue_update` p99 < 100 ms', met: below(num(at(w, 'queueUpdate', 'p99')), 100), seen: show(num(at(w, 'queueUpdate', 'p99')), 'ms') },
    {
      label: 'notifications ≥ 400/s',
      met: num(at(n, 'notificationsPerSecond')) === undefined ? undefined : num(at(n, 'notificationsPerSecond'))! >= 400,
      seen: `${show(num(at(n, 'notificationsPerSecond')), '/s')} (${show(num(at(n, 'bookings')), 'bookings')} confirmed and mailed in ${show(num(at(n, 'seconds')), 's')})`,
    },
  ];

  const m = input.machine;
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); every number below comes from one run on one machine.',
    'The ceilings are measured first in the same run; a ratio is the figure divided by its ceiling',
    '(for latencies: how many times the bare route’s latency). Targets are printed, never asserted.',
    '',
    '## Machine',
    '',
    `- ${m.cores} cores, ${m.cpu}, ${m.memoryGb} GB memory; Node ${m.node}`,
    `- run from ${input.startedAt.toISOString()} to ${input.finishedAt.toISOString()}`,
    `- load average (1 / 5 / 15 min) at the start ${m.loadAtStart}, at the end ${m.loadAtEnd}`,
    ...(input.missingTools.length ? [`- missing, so left out: ${input.missingTools.join('; ')}`] : []),
    '',
    '## Targets',
    '',
    '| target | seen | |',
    '| --- | --- | --- |',
    ...targets.map((t) => `| ${t.label} | ${t.seen} | ${t.met === undefined ? 'no result' : t.met ? 'met' : 'not met'} |`),
    '',
  ];
  for (const [title, rows] of figures) lines.push(`## ${title}`, '', ...figureRows(rows), '');
  lines.push(...windowRows(r, rp));
  lines.push('## Scenarios', '', '| scenario | command | took | load average before → after | result |', '| --- | --- | ---: | --- | --- |');
  for (const run of input.runs) {
    lines.push(
      `| ${run.name} | \`${run.command}\` | ${run.seconds.toFixed(0)} s | ${run.loadBefore} → ${run.loadAfter} | ${run.result ? 'RESULT line read' : `no result: ${run.problem}`} |`,
    );
  }
  lines.push('', 'Their RESULT lines as printed:', '', '```');
  for (const run of input.runs) lines.push(`${run.name}: ${run.result ? JSON.stringify(run.result) : 'no result'}`);
  lines.push('```', '');
  return lines.join('\n');
}

type BookingWindow = { fromS: number; n: number; p50: number | null; p99: number | null };

/** Both rushes' booking answers by when in the rush they were sent: whether the slow ones came with the release's first wave. */
function windowRows(rush: Record<string, unknown> | undefined, paced: Record<string, unknown> | undefined): string[] {
  const windowsOf = (result: Record<string, unknown> | undefined) =>
    Array.isArray(at(result, 'bookingWindows')) ? (at(result, 'bookingWindows') as BookingWindow[]) : [];
  const [saturated, atPace] = [windowsOf(rush), windowsOf(paced)];
  if (saturated.length === 0 && atPace.length === 0) return [];
  const size = num(at(rush, 'bookingWindowSeconds')) ?? num(at(paced, 'bookingWindowSeconds')) ?? 5;
  const starts = [...new Set([...saturated, ...atPace].map((w) => w.fromS))].sort((a, b) => a - b);
  const cell = (windows: BookingWindow[], from: number) => {
    const w = windows.find((x) => x.fromS === from);
    return w ? `${w.n.toLocaleString('en-US')} | ${show(w.p50, 'ms')} | ${show(w.p99, 'ms')}` : '– | – | –';
  };
  return [
    '## Booking answers by when they were sent',
    '',
    'Seconds after the release; n, p50 and p99 of the booking answers to requests sent in that window.',
    '',
    "| sent | rush: n | p50 | p99 | at a person's pace: n | p50 | p99 |",
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...starts.map((from) => `| ${from}–${from + size} s | ${cell(saturated, from)} | ${cell(atPace, from)} |`),
    '',
  ];
}

/** A client's pause as the rush printed it, `[min, max]` in milliseconds. */
function pause(value: unknown): string {
  return Array.isArray(value) && value.length === 2 ? `${value.map((ms: number) => (ms / 1000).toLocaleString('en-US')).join('–')} s` : 'no result';
}

/**
 * Why the booking p99 target is out of reach for the rush's closed loop on a small machine: each of
 * the clients waits for its answer before it books again, so by Little's law their request rate is
 * the number of clients divided by the time an answer takes. Answers within 100 ms would need
 * `clients / 0.1 s` bookings a second, which no database does beyond its pgbench ceiling.
 */
function closedLoopNote(clients: number | undefined, pgbenchTps: number | undefined): string {
  if (!clients || !pgbenchTps) return '';
  const needed = clients / 0.1;
  if (needed <= pgbenchTps) return '';
  return ` (answers within 100 ms to ${clients.toLocaleString('en-US')} clients that each wait for theirs would take ${needed.toLocaleString('en-US')} bookings/s, ${(needed / pgbenchTps).toFixed(2)} × pgbench -N on this machine)`;
}
