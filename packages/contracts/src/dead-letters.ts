import { z } from 'zod';

/** A job that failed for good, as an admin sees it: ids and a reason, never citizen data. */
export const deadLetterSchema = z.object({
  id: z.string(),
  queue: z.string(),
  /** For notification jobs the message kind (confirmation, reminder, ...). */
  jobName: z.string(),
  appointmentId: z.uuid().nullable(),
  locationId: z.uuid().nullable(),
  reason: z.string(),
  attempts: z.number().int(),
  failedAt: z.iso.datetime(),
});
export type DeadLetterView = z.infer<typeof deadLetterSchema>;

export const deadLettersResponse = z.object({ deadLetters: z.array(deadLetterSchema) });

export const deadLetterParams = z.object({ id: z.string().min(1).max(300) });

export const deadLetterRetryResponse = z.object({ retried: z.literal(true), jobId: z.string() });
