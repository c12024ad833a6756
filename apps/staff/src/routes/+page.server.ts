import type { Me } from '@termin/contracts';
import { apiBaseUrl } from '$lib/server/config';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, fetch }) => {
  const session = locals.session;
  if (!session || locals.forbidden) return { username: '', locations: [] };
  const res = await fetch(`${apiBaseUrl()}/api/v1/me`, { headers: { authorization: `Bearer ${session.accessToken}` } }).catch(() => null);
  const me = res?.ok ? ((await res.json()) as Me) : null;
  return { username: session.user.username, locations: me?.locations ?? null };
};
