export { logout as POST } from '$lib/server/kit';
