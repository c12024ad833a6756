import { ConflictError } from './errors';

export const APPOINTMENT_STATUSES = ['PENDING', 'CONFIRMED', 'CHECKED_IN', 'DONE', 'NOSHOW', 'CANCELLED'] as const;

export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** What a booking is created as: the worker confirms it once the outbox event is relayed. */
export const BOOKED_STATUS = 'PENDING' satisfies AppointmentStatus;

/** Statuses in which a booking still holds its slots and the citizen may cancel or move it. */
export const OPEN_STATUSES = ['PENDING', 'CONFIRMED'] as const satisfies readonly AppointmentStatus[];

const TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  // Waiting for the citizen to confirm the e-mail link; expiry cancels.
  PENDING: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['CHECKED_IN', 'NOSHOW', 'CANCELLED'],
  // Called at the counter but gone (NOSHOW) or left the waiting room (CANCELLED).
  CHECKED_IN: ['DONE', 'NOSHOW', 'CANCELLED'],
  DONE: [],
  // Marked as no-show after the grace period, then arrives late after all: staff may still check in.
  NOSHOW: ['CHECKED_IN'],
  CANCELLED: [],
};

export function isAppointmentStatus(value: unknown): value is AppointmentStatus {
  return typeof value === 'string' && (APPOINTMENT_STATUSES as readonly string[]).includes(value);
}

export function allowedTransitions(from: AppointmentStatus): readonly AppointmentStatus[] {
  return TRANSITIONS[from] ?? [];
}

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return allowedTransitions(from).includes(to);
}

/** Every status the table lets into `to`: the from-states of a conditional update to `to`. */
export function statusesLeadingTo(to: AppointmentStatus): AppointmentStatus[] {
  return APPOINTMENT_STATUSES.filter((from) => canTransition(from, to));
}

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** A status nothing leads out of (NOSHOW is not final: a late arrival can still be checked in). */
export function isFinalStatus(status: AppointmentStatus): boolean {
  return allowedTransitions(status).length === 0;
}

export class InvalidTransitionError extends ConflictError {
  readonly from: string;
  readonly to: string;

  /** `code` names the refusal in the caller's words (e.g. booking_not_cancellable), for its message. */
  constructor(from: string, to: string, code = 'appointment.invalid_transition') {
    super(code, { from, to }, `Appointment cannot go from ${from} to ${to}`);
    this.from = from;
    this.to = to;
  }
}

export function assertTransition(from: AppointmentStatus, to: AppointmentStatus): void {
  if (!isAppointmentStatus(from) || !isAppointmentStatus(to) || !canTransition(from, to)) {
    throw new InvalidTransitionError(String(from), String(to));
  }
}
