import type { Cookies } from '@sveltejs/kit';
import type { BookingResponse } from '@termin/contracts';

const NAME = 'termin_booked';

/**
 * The confirmation page shows what the API answered; it is handed over in an httpOnly cookie for an
 * hour instead of the URL, and holds no contact data (the API's answer has none).
 */
export function rememberBooking(cookies: Cookies, booking: BookingResponse): void {
  cookies.set(NAME, JSON.stringify(booking), { path: '/booked', httpOnly: true, sameSite: 'lax', maxAge: 3600 });
}

export function recallBooking(cookies: Cookies, code: string): BookingResponse | null {
  try {
    const booking = JSON.parse(cookies.get(NAME) ?? 'null') as BookingResponse | null;
    return booking?.bookingCode === code ? booking : null;
  } catch {
    return null;
  }
}
