import { z } from 'zod';

/**
 * What the API instances tell each other over Redis PubSub after a committed change. Ids, ticket
 * and counter names only: every instance reads the current state from the database itself, so no
 * personal data passes through Redis.
 */
export const queueEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('checked_in'), locationId: z.uuid(), appointmentId: z.uuid(), queueEntryId: z.uuid() }),
  z.object({ type: z.literal('called'), locationId: z.uuid(), queueEntryId: z.uuid(), ticket: z.string(), counter: z.string() }),
  z.object({ type: z.literal('changed'), locationId: z.uuid() }),
]);
export type QueueEvent = z.infer<typeof queueEvent>;
