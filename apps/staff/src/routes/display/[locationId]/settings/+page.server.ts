import { fail } from '@sveltejs/kit';
import { counterListResponse, displaySettingsResponse } from '@termin/contracts';
import { dataOrError, formFailure } from '@termin/web-kit';
import { kit } from '$lib/server/kit';
import { requireRole, workLocation } from '$lib/server/location';
import type { Actions, PageServerLoad } from './$types';

const roles = ['staff', 'admin'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, roles);
  const location = await workLocation(event, event.params.locationId);
  const api = kit.api(event);
  const [counters, settings] = await Promise.all([
    api.get(`/api/v1/locations/${location.id}/counters`, counterListResponse),
    api.get(`/api/v1/locations/${location.id}/display-settings`, displaySettingsResponse),
  ]);
  return { location: { id: location.id, name: location.name }, counters: dataOrError(counters).counters, settings: dataOrError(settings).settings };
};

export const actions: Actions = {
  default: async (event) => {
    requireRole(event.locals, roles);
    const form = await event.request.formData();
    const recentCalls = Number(form.get('recentCalls'));
    const counterIds = form.getAll('counterIds').map(String);
    if (!Number.isInteger(recentCalls) || recentCalls < 1 || recentCalls > 10) return fail(400, { error: null, invalid: true });
    const result = await kit
      .api(event)
      .put(`/api/v1/locations/${event.params.locationId}/display-settings`, displaySettingsResponse, { body: { recentCalls, counterIds } });
    if (!result.ok) return formFailure(result);
    return { saved: true };
  },
};
