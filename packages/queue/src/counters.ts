import type { Db } from '@termin/db';

export interface CounterView {
  id: string;
  name: string;
}

// "Schalter 10" after "Schalter 9", as people count.
const byName = new Intl.Collator('de', { numeric: true });

/** The open counters of a location of the tenant, in natural name order (none for another tenant's location). */
export async function activeCounters(db: Db, input: { tenantId: string; locationId: string }): Promise<CounterView[]> {
  const rows = await db.counter.findMany({
    where: { locationId: input.locationId, active: true, location: { tenantId: input.tenantId } },
    select: { id: true, name: true },
  });
  return rows.sort((a, b) => byName.compare(a.name, b.name));
}
