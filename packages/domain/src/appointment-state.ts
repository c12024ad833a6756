import { ConflictError } from './errors';

export const APPOINTMENT_STATUSES = ['PENDING', 'CONFIRMED', 'CHECKED_IN', 'DONE', 'NOSHOW', 'CANCELLED'] as const;

export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

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

/** A status nothing leads out of (NOSHOW is not final: a late arrival can still be checked in). */
export function isFinalStatus(status: AppointmentStatus): boolean {
  return allowedTransitions(status).length === 0;
}

export class InvalidTransitionError extends ConflictError {
  readonly from: string;
  readonly to: string;

  constructor(from: string, to: string) {
    super('appointment.invalid_transition', { from, to }, `Appointment cannot go from ${from} to ${to}`);
    this.from = from;
    this.to = to;
  }
}

export function assertTransition(from: AppointmentStatus, to: AppointmentStatus): void {
  if (!isAppointmentStatus(from) || !isAppointmentStatus(to) || !canTransition(from, to)) {
    throw new InvalidTransitionError(String(from), String(to));
  }
}
