import { fail } from '@sveltejs/kit';
import { kioskCheckinResponse, publicServiceList, queueEntryResponse } from '@termin/contracts';
import { dataOrError, formFailure } from '@termin/web-kit';
import { kit } from '$lib/server/kit';
import { requireRole, workLocation } from '$lib/server/location';
import type { Actions, PageServerLoad } from './$types';

const kioskRoles = ['kiosk', 'staff', 'admin'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, kioskRoles);
  const location = await workLocation(event, event.params.locationId);
  const services = dataOrError(
    await kit.api(event).get(`/api/v1/tenants/${encodeURIComponent(location.tenantSlug)}/locations/${location.id}/services`, publicServiceList),
  );
  return { location: { id: location.id, name: location.name }, services, walkIn: event.url.searchParams.has('walkin') };
};

// "Ahead of you" counts the people before the citizen; the API's position counts the citizen too.
const ahead = (position: number | null) => (position === null ? null : position - 1);

export const actions: Actions = {
  checkin: async (event) => {
    requireRole(event.locals, kioskRoles);
    // A person types the code; a hand scanner types the whole check-in address of the QR code. The
    // API takes either, checks in as this kiosk and counts against this kiosk's own limit.
    const scan = String((await event.request.formData()).get('bookingCode') ?? '').trim();
    if (!scan) return fail(400, { error: null, missingCode: true });
    if (scan.length > 500) return fail(400, { error: null, unreadable: true });
    const result = await kit.api(event).post(`/api/v1/kiosk/locations/${event.params.locationId}/checkin`, kioskCheckinResponse, { body: { scan } });
    if (!result.ok) return formFailure(result);
    return { ticket: result.data.ticketNumber, ahead: ahead(result.data.position) };
  },

  walkIn: async (event) => {
    requireRole(event.locals, kioskRoles);
    const serviceId = String((await event.request.formData()).get('serviceId') ?? '');
    const result = await kit.api(event).post(`/api/v1/locations/${event.params.locationId}/queue/walk-ins`, queueEntryResponse, { body: { serviceId } });
    if (!result.ok) return formFailure(result);
    return { ticket: result.data.entry.ticketNumber, ahead: ahead(result.data.entry.position) };
  },
};
