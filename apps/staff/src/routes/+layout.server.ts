import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
  if (locals.forbidden) error(403, { message: 'forbidden', lang: locals.lang });
  return { lang: locals.lang, user: locals.session?.user ?? null };
};
