export { callback as load } from '$lib/server/kit';
