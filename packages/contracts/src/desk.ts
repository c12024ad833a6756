import { z } from 'zod';

/**
 * Wire format of the clerk's desk additions (the visit note) and of the waiting-room display's
 * settings and board. The board holds counts and counter names only, never anything of a citizen.
 */
export const visitNoteBody = z.strictObject({
  /** An empty note removes it. */
  note: z.string().trim().max(1000),
});

export const displaySettings = z.object({
  /** Earlier calls shown below the current one. */
  recentCalls: z.number().int().min(1).max(10),
  /** Counters whose calls the screen shows; empty: every counter of the location. */
  counterIds: z.array(z.uuid()).max(50),
});
export type DisplaySettings = z.infer<typeof displaySettings>;
export const displaySettingsBody = z.strictObject({
  recentCalls: z.number().int().min(1).max(10),
  counterIds: z.array(z.uuid()).max(50),
});
export const displaySettingsResponse = z.object({ settings: displaySettings });

/** What the waiting-room screen reads besides the calls: its settings, how many wait, and for how long. */
export const displayBoard = z.strictObject({
  recentCalls: z.number().int().min(1).max(10),
  /** Names of the counters the screen shows calls of; empty: all. */
  counters: z.array(z.string()),
  waiting: z.number().int().min(0),
  /** Minutes someone arriving now would wait; null when no counter is open. */
  estimatedWaitMinutes: z.number().int().min(0).nullable(),
});
export type DisplayBoard = z.infer<typeof displayBoard>;
