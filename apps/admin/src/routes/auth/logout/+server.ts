import { signOutRoute } from '@termin/web-auth';
import { webAuth } from '$lib/server/auth';

export const POST = signOutRoute(webAuth);
