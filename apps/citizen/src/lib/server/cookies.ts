import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import { bookingEmail, bookingResponse } from '@termin/contracts';
import { kit } from './kit';

/**
 * The proof of a successful look-up (code and e-mail address), kept between the citizen's requests
 * of the manage page. Sealed, so the browser can neither read the address nor swap in another
 * booking's code: holding the code alone (from the QR code or a shared screen) must never reveal
 * personal data. Long enough to look, decide and pick another time; short enough for a shared computer.
 */
const proof = z.object({ code: z.string().min(1).max(40), email: bookingEmail });
export type ManageProof = z.infer<typeof proof>;

export const manageProof = kit.sealedCookie({
  name: 'termin_manage',
  path: '/manage',
  maxAgeSeconds: 30 * 60,
  schema: proof,
});

/**
 * The confirmation page shows what the API answered; it is handed over in a cookie for an hour
 * instead of the URL, and holds no contact data (the API's answer has none).
 */
export const bookedAnswer = kit.sealedCookie({ name: 'termin_booked', path: '/booked', maxAgeSeconds: 3600, schema: bookingResponse });

/** The proof of an earlier look-up of this code, if it has not expired. */
export async function recallLookup(cookies: Cookies, code: string): Promise<ManageProof | null> {
  const found = await manageProof.get(cookies);
  return found?.code === code ? found : null;
}
