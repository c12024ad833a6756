import { bookedAnswer } from '$lib/server/cookies';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies, params }) => {
  const booking = await bookedAnswer.get(cookies);
  return { booking: booking?.bookingCode === params.code ? booking : null };
};
