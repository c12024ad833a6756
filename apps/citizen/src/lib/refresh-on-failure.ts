import type { SubmitFunction } from '@sveltejs/kit';
import { invalidateAll } from '$app/navigation';

/**
 * `use:enhance` that also reloads the page's data when the API refused: a time just taken or a
 * deadline just passed changes what may be offered, as a plain form post (which reloads) shows too.
 */
export const refreshOnFailure: SubmitFunction =
  () =>
  async ({ result, update }) => {
    await update();
    if (result.type === 'failure') await invalidateAll();
  };
