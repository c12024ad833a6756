import type { Cookies } from '@sveltejs/kit';

// One cookie per office: a clerk who works at two offices keeps a desk at each.
export const counterCookie = (locationId: string) => `counter_${locationId}`;

/** The counter this browser last took at the office, if any. */
export const rememberedCounterId = (cookies: Cookies, locationId: string) => cookies.get(counterCookie(locationId)) ?? null;
