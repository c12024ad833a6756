import { redirect } from '@sveltejs/kit';
import { SignInError } from '@termin/web-auth';
import { webAuth } from '$lib/server/auth';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, cookies }) => {
  let returnTo: string;
  try {
    returnTo = await webAuth().finishSignIn(cookies, url);
  } catch (error) {
    if (error instanceof SignInError) return { failed: true };
    throw error;
  }
  redirect(303, returnTo);
};
