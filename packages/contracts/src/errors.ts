import { z } from 'zod';

/** Every 4xx/5xx answer of the API has this shape; `message` is in the requester's language. */
export const errorResponse = z.object({
  statusCode: z.number().int(),
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;
