import { z } from 'zod';

/** The booking form's choice, which a wait token is bound to. */
export const bookingChallengeQuery = z.strictObject({
  locationId: z.uuid(),
  serviceId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
});
export type BookingChallengeQuery = z.infer<typeof bookingChallengeQuery>;

/**
 * What the booking form needs on a rush day (`Tenant.bookingChallenge`): the ALTCHA challenge the
 * browser solves, and for a page without JavaScript a token the booking accepts only after
 * `waitSeconds`. Nothing where the municipality has it off.
 */
export const bookingChallengeView = z.discriminatedUnion('required', [
  z.object({ required: z.literal(false) }),
  z.object({
    required: z.literal(true),
    altcha: z.object({ algorithm: z.string(), challenge: z.string(), maxnumber: z.number().int(), salt: z.string(), signature: z.string() }),
    waitToken: z.string(),
    waitSeconds: z.number().int(),
  }),
]);
export type BookingChallengeView = z.infer<typeof bookingChallengeView>;

/** The proof a booking carries where the challenge is on: the widget's solution, or the wait token. */
export const bookingChallengeProof = z.strictObject({
  altcha: z.string().max(2000).optional(),
  waitToken: z.string().max(200).optional(),
});
export type BookingChallengeProof = z.infer<typeof bookingChallengeProof>;
