export { login as GET } from '$lib/server/kit';
