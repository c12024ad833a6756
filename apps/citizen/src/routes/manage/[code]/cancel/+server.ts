import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The cancel link of the e-mails: the manage page, opened at its confirmation step. */
export const GET: RequestHandler = ({ params }) => redirect(303, `/manage/${encodeURIComponent(params.code)}?step=cancel`);
