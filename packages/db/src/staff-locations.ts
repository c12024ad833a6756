import type { Db } from './client';

export interface StaffLocation {
  id: string;
  slug: string;
  name: string;
  timezone: string;
}

/** The locations a signed-in account may work at (its token lists their ids), by name. */
export async function staffLocations(db: Db, locationIds: readonly string[]): Promise<StaffLocation[]> {
  return db.location.findMany({
    where: { id: { in: [...locationIds] } },
    select: { id: true, slug: true, name: true, timezone: true },
    orderBy: { name: 'asc' },
  });
}
