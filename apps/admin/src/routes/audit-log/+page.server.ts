import { error } from '@sveltejs/kit';
import { auditLogResponse } from '@termin/contracts';
import { kit } from '$lib/server/kit';
import type { PageServerLoad } from './$types';

const FILTERS = ['actor', 'action', 'from', 'to'] as const;
const PAGE_SIZE = 50;

/** The filter is a GET form: the address of a filtered page can be kept and shared (it names staff, never citizens). */
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const filter = Object.fromEntries(FILTERS.map((name) => [name, (params.get(name) ?? '').trim()])) as Record<(typeof FILTERS)[number], string>;
  const asked = Number(params.get('page') ?? '1');
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 10_000 ? asked : 1;
  const query: Record<string, string> = { page: String(page), limit: String(PAGE_SIZE) };
  for (const name of FILTERS) if (filter[name]) query[name] = filter[name];
  const result = await kit.api(event).get('/api/v1/admin/audit-log', auditLogResponse, { query });
  /** The same filter on another page. */
  const pageHref = (n: number) => {
    const same = new URLSearchParams();
    for (const name of FILTERS) if (filter[name]) same.set(name, filter[name]);
    same.set('page', String(n));
    return `?${same}`;
  };
  if (result.ok) {
    const { page: shown, hasMore } = result.data;
    const choices = { actors: result.data.actors, actions: result.data.actions };
    return { filter, log: result.data, choices, newer: shown > 1 ? pageHref(shown - 1) : null, older: hasMore ? pageHref(shown + 1) : null, problem: null };
  }
  if (result.status >= 500 || result.status === 401 || result.status === 403) error(result.status, result.error.message);
  // A filter the API refuses (e.g. the range ends before it starts): shown by its field, no entries.
  const fields: Record<string, string> = {};
  for (const f of result.error.fields) fields[f.field] ??= f.message;
  // The filter's choices stay, so what the admin chose is still chosen.
  const unfiltered = await kit.api(event).get('/api/v1/admin/audit-log', auditLogResponse, { query: { limit: '1' } });
  const choices = unfiltered.ok ? { actors: unfiltered.data.actors, actions: unfiltered.data.actions } : { actors: [], actions: [] };
  return { filter, log: null, choices, newer: null, older: null, problem: { message: result.error.message, fields } };
};
