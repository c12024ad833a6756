import type { AppointmentStatus, Prisma, Tx } from '@termin/db';
import { ConflictError, InvalidTransitionError, NotFoundError, OPEN_STATUSES, statusesLeadingTo } from '@termin/domain';

/**
 * The one way an appointment's status changes. Every caller (the citizen's cancel and reschedule,
 * the worker's confirmation, check-in, done and no-show at the counter) names a step; the step's
 * from-states come from the domain's transition table and are the condition of the UPDATE itself,
 * in the caller's transaction. Whatever the caller read before, the row is only changed if it is
 * still in one of them, so two concurrent callers cannot both move it and a forbidden transition
 * changes nothing. Booking creates the appointment as `BOOKED_STATUS` (in `termin_book_appointments`).
 */
export type LifecycleStep = 'confirm' | 'cancel' | 'reschedule' | 'check_in' | 'complete' | 'no_show';

interface StepRule {
  /** The status the step leads to; null for a reschedule, which keeps it. */
  to: AppointmentStatus | null;
  /** Where a caller may do less than the table allows, the statuses it may start from. */
  only?: readonly AppointmentStatus[];
  /** The error code of a refusal, by the status the appointment is in: what the caller's message says. */
  refused: (from: AppointmentStatus) => string;
}

const RULES: Record<LifecycleStep, StepRule> = {
  confirm: { to: 'CONFIRMED', refused: () => 'appointment.invalid_transition' },
  // The citizen's own cancellation, while the booking still holds its slots; the table's
  // CHECKED_IN → CANCELLED (left the waiting room) is the counter's, which offers no such step yet.
  cancel: { to: 'CANCELLED', only: OPEN_STATUSES, refused: () => 'booking_not_cancellable' },
  reschedule: { to: null, refused: () => 'booking_not_reschedulable' },
  // A late arrival after NOSHOW (allowed by the table) would need its old queue entry reopened; no
  // caller offers that yet, so check-in starts from CONFIRMED only.
  check_in: {
    to: 'CHECKED_IN',
    only: ['CONFIRMED'],
    refused: (from) => (from === 'CHECKED_IN' ? 'checkin_already_done' : 'checkin_not_possible'),
  },
  complete: { to: 'DONE', refused: () => 'queue_entry_wrong_status' },
  // At the counter: checked in, then not there when called (CONFIRMED → NOSHOW is for appointments nobody checked in for).
  no_show: { to: 'NOSHOW', only: ['CHECKED_IN'], refused: () => 'queue_entry_wrong_status' },
};

function fromStatesOf(rule: StepRule): readonly AppointmentStatus[] {
  const table = rule.to ? statusesLeadingTo(rule.to) : [...OPEN_STATUSES];
  return rule.only ? table.filter((s) => rule.only!.includes(s)) : table;
}

/** Per step, the statuses its UPDATE accepts. */
export const STEP_FROM_STATES: Readonly<Record<LifecycleStep, readonly AppointmentStatus[]>> = Object.fromEntries(
  Object.entries(RULES).map(([step, rule]) => [step, fromStatesOf(rule)]),
) as Record<LifecycleStep, readonly AppointmentStatus[]>;

export interface TransitionInput {
  appointmentId: string;
  step: LifecycleStep;
  /** What else the same UPDATE writes: its timestamps, the iCalendar sequence, a reschedule's times. */
  data?: Omit<Prisma.AppointmentUpdateManyMutationInput, 'status'>;
  /** Further conditions, e.g. the sequence a reschedule was computed from. */
  where?: Omit<Prisma.AppointmentWhereInput, 'id' | 'status'>;
}

const moved = { id: true, status: true, startsAt: true, endsAt: true, sequence: true } as const;
export type TransitionedAppointment = Prisma.AppointmentGetPayload<{ select: typeof moved }>;

/**
 * Moves the appointment by one step inside `tx`, or throws: `InvalidTransitionError` (409, with
 * the step's code) when its status does not allow the step, `booking_changed` when only the
 * further conditions failed, 404 when there is no such appointment. Returns the row as written.
 */
export async function transition(tx: Tx, input: TransitionInput): Promise<TransitionedAppointment> {
  const rule = RULES[input.step];
  const from = STEP_FROM_STATES[input.step];
  const [row] = await tx.appointment.updateManyAndReturn({
    where: { ...input.where, id: input.appointmentId, status: { in: [...from] } },
    data: { ...input.data, ...(rule.to ? { status: rule.to } : {}) },
    select: moved,
  });
  if (row) return row;

  // Only to name the refusal: the decision was the UPDATE's.
  const current = await tx.appointment.findUnique({ where: { id: input.appointmentId }, select: { status: true } });
  if (!current) throw new NotFoundError('appointment_not_found');
  if (!from.includes(current.status)) throw new InvalidTransitionError(current.status, rule.to ?? current.status, rule.refused(current.status));
  throw new ConflictError('booking_changed');
}
