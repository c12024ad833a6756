import type { AuditActor, Db } from '@termin/db';
import type { QueueEvent } from './events';

/** What every queue operation needs; `now` is passed in so tests and the clock never disagree. */
export interface QueueDeps {
  db: Db;
  now: Date;
  /** Told about every committed change (the API fans it out over Redis PubSub); optional for scripts. */
  publish?: (event: QueueEvent) => Promise<void> | void;
  /** An appointment counts as due (and goes before walk-ins) from this many minutes before its start. */
  dueWindowMinutes?: number;
}

/** The signed-in clerk, kiosk or admin, scoped to the locations they may act on. */
export interface QueueActor extends AuditActor {
  locationIds: readonly string[];
}

export const DEFAULT_DUE_WINDOW_MINUTES = 5;
