import { fail } from '@sveltejs/kit';
import type { PublicService, QueueEntryView, QueuePosition } from '@termin/contracts';
import { api, ApiError, requireRole } from '$lib/server/api';
import { workLocation } from '$lib/server/location';
import type { Actions, PageServerLoad } from './$types';

const kioskRoles = ['kiosk', 'staff', 'admin'] as const;

export const load: PageServerLoad = async (event) => {
  requireRole(event.locals, kioskRoles);
  const location = await workLocation(event, event.params.locationId);
  const services = await api<PublicService[]>(event, `/api/v1/tenants/${encodeURIComponent(location.tenantSlug)}/locations/${location.id}/services`);
  return { location: { id: location.id, name: location.name }, services, walkIn: event.url.searchParams.has('walkin') };
};

async function ticketOr(run: () => Promise<{ ticket: string; ahead: number | null }>) {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) return fail(err.status, { error: err.message });
    throw err;
  }
}

// "Ahead of you" counts the people before the citizen; the API's position counts the citizen too.
const ahead = (position: number | null) => (position === null ? null : position - 1);

export const actions: Actions = {
  checkin: async (event) => {
    requireRole(event.locals, kioskRoles);
    // Scanners and people type codes in any case and with stray spaces.
    const code = String((await event.request.formData()).get('bookingCode') ?? '').trim().toUpperCase().replace(/\s+/g, '');
    if (!code) return fail(400, { error: null, missingCode: true });
    return ticketOr(async () => {
      const position = await api<QueuePosition>(event, `/api/v1/checkin/${encodeURIComponent(code)}`, {
        method: 'POST',
        body: { locationId: event.params.locationId },
      });
      return { ticket: position.ticketNumber, ahead: ahead(position.position) };
    });
  },

  walkIn: async (event) => {
    requireRole(event.locals, kioskRoles);
    const serviceId = String((await event.request.formData()).get('serviceId') ?? '');
    return ticketOr(async () => {
      const { entry } = await api<{ entry: QueueEntryView }>(event, `/api/v1/locations/${event.params.locationId}/queue/walk-ins`, {
        method: 'POST',
        body: { serviceId },
      });
      return { ticket: entry.ticketNumber, ahead: ahead(entry.position) };
    });
  },
};
