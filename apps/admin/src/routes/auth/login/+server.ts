import { signInRoute } from '@termin/web-auth';
import { webAuth } from '$lib/server/auth';

export const GET = signInRoute(webAuth);
