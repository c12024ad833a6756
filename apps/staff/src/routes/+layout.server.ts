import type { LayoutServerLoad } from './$types';

// A signed-in user without an allowed role sees the 403 page in place of every page (the auth guard sets the status).
export const load: LayoutServerLoad = ({ locals }) => ({
  lang: locals.lang,
  user: locals.session?.user ?? null,
  forbidden: locals.forbidden ?? false,
});
