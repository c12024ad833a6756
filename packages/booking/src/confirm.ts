import { sqlPool, TX_OPTIONS, type Db } from '@termin/db';
import { STEP_FROM_STATES, transition, type TransitionedAppointment } from './lifecycle';

// The lifecycle's confirm step as one statement on the pool, for one booking or a run of them: the
// worker confirms every booking of a release rush, and Prisma's interactive transaction (BEGIN,
// UPDATE, COMMIT, each through the client) cost it more than the rest of the step
// (apps/worker/BENCHMARK.md). Same condition as `transition`: the step's from-states from the domain's table.
const CONFIRM = `
  UPDATE "Appointment" SET status = 'CONFIRMED', "confirmedAt" = $2, "updatedAt" = now()
  WHERE id = ANY($1::uuid[]) AND status = ANY($3::"AppointmentStatus"[])
  RETURNING id, status, "startsAt", "endsAt", sequence`;

function confirmStep(deps: { db: Db; now: Date }, appointmentIds: readonly string[]) {
  return sqlPool(deps.db).query<TransitionedAppointment>({ name: 'lifecycle-confirm', text: CONFIRM, values: [appointmentIds, deps.now, STEP_FROM_STATES.confirm] });
}

/**
 * PENDING → CONFIRMED, as the worker does it once the booking's outbox event arrives. Throws
 * `InvalidTransitionError` for any other status (cancelled before the worker got to it, or
 * confirmed by an earlier run of the same job).
 */
export async function confirmAppointment(deps: { db: Db; now: Date }, appointmentId: string): Promise<TransitionedAppointment> {
  const { rows } = await confirmStep(deps, [appointmentId]);
  if (rows[0]) return rows[0];
  // Refused: the lifecycle's own step names why (and would confirm, had the row become PENDING since).
  return deps.db.$transaction((tx) => transition(tx, { appointmentId, step: 'confirm', data: { confirmedAt: deps.now } }), TX_OPTIONS);
}

/**
 * The confirm step for a run of bookings in one statement, with the same condition: the ids the
 * step moved to CONFIRMED. The others were refused (cancelled meanwhile, confirmed by an earlier
 * run, gone) and are unchanged; the caller reads their status where it matters.
 */
export async function confirmAppointments(deps: { db: Db; now: Date }, appointmentIds: readonly string[]): Promise<Set<string>> {
  if (appointmentIds.length === 0) return new Set();
  const { rows } = await confirmStep(deps, appointmentIds);
  return new Set(rows.map((r) => r.id));
}
