import { sqlState, type Db } from '@termin/db';
import type { ManagedBooking } from '@termin/contracts';

/** What managing a booking needs; `now` is passed in so tests and the clock never disagree. */
export interface ManageDeps {
  db: Db;
  now: Date;
  /** Key of the contact hash; the same secret the booking used, or no e-mail ever matches. */
  contactHashSecret: string;
}

/** The citizen's proof of ownership: the code from the confirmation plus the e-mail it went to. */
export interface BookingCredentials {
  code: string;
  email: string;
}

/** A booking as its citizen sees it on the "my appointment" page: the wire format's type. */
export type ManagedBookingView = ManagedBooking;

/** Last moment a citizen may cancel or move an appointment themselves. */
export function changeDeadline(startsAt: Date, cancellationDeadlineMinutes: number): Date {
  return new Date(startsAt.getTime() - cancellationDeadlineMinutes * 60_000);
}

/** Deadlock or serialization failure: Postgres rolled the transaction back and a retry may succeed. */
export function isRetryableConflict(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  if ((error as { code?: unknown }).code === 'P2034') return true;
  const state = sqlState(error);
  return state === '40P01' || state === '40001';
}

/**
 * Runs a transaction again when Postgres picked it as a deadlock victim: two citizens swapping
 * slots lock the same rows in opposite order, which no fixed lock order can rule out.
 */
export async function withDeadlockRetry<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
