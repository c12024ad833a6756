/** The local day `days` before today, as YYYY-MM-DD (UTC calendar; only a default for the form). */
function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The statistics filter from the page's address: location and service (empty = all), from and to
 * (by default the last 30 days up to today). The API checks the values and answers a bad one with
 * field errors the page shows.
 */
export function statisticsFilter(url: URL): Record<string, string> {
  const value = (name: string) => url.searchParams.get(name)?.trim() ?? '';
  const filter: Record<string, string> = { from: value('from') || dayOffset(-29), to: value('to') || dayOffset(0) };
  if (value('locationId')) filter.locationId = value('locationId');
  if (value('serviceId')) filter.serviceId = value('serviceId');
  return filter;
}
