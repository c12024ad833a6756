import { sqlState, type Db } from '@termin/db';

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

/** Statuses in which a booking still holds its slots and may be cancelled or moved. */
export const OPEN_STATUSES = ['PENDING', 'CONFIRMED'] as const;

/** Transactions wait for a pool connection during bursts instead of failing after 2 s. */
export const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

export interface ManagedBookingView {
  id: string;
  bookingCode: string;
  status: 'PENDING' | 'CONFIRMED' | 'CHECKED_IN' | 'DONE' | 'NOSHOW' | 'CANCELLED';
  startsAt: string;
  endsAt: string;
  timezone: string;
  location: { id: string; name: string; address: string };
  service: { id: string; nameDe: string; nameEn: string };
  sequence: number;
  cancellable: { allowed: boolean; deadline: string };
}

/** Last moment a citizen may cancel or move an appointment themselves. */
export function changeDeadline(startsAt: Date, cancellationDeadlineMinutes: number): Date {
  return new Date(startsAt.getTime() - cancellationDeadlineMinutes * 60_000);
}

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
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
