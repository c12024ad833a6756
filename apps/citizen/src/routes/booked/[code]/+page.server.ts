import { recallBooking } from '$lib/server/booked-cookie';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ cookies, params }) => ({ booking: recallBooking(cookies, params.code) });
