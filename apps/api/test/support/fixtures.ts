import type { Db } from '@termin/db';
import { seedDemo } from '@termin/db/seed';

export interface AccessFixtures {
  demoTenantId: string;
  mitteId: string;
  kfzId: string;
  /** A location of another municipality (tenant "other"), with the same slug as the demo's. */
  otherTenantLocationId: string;
  services: Record<string, string>;
}

/** The demo municipality plus a second one, so tests can prove nobody reaches across tenants. */
export async function seedAccessFixtures(db: Db): Promise<AccessFixtures> {
  const { tenantId } = await seedDemo(db);
  const other = await db.tenant.create({ data: { slug: 'other', name: 'Andere Stadt', holidayState: 'BY' } });
  const otherLocation = await db.location.create({
    data: { tenantId: other.id, slug: 'buergeramt-mitte', name: 'Bürgeramt Andere', address: 'Marktplatz 1' },
  });
  await db.counter.create({ data: { locationId: otherLocation.id, name: '1' } });
  const locations = await db.location.findMany({ where: { tenantId } });
  const services = await db.service.findMany({ where: { tenantId } });
  return {
    demoTenantId: tenantId,
    mitteId: locations.find((l) => l.slug === 'buergeramt-mitte')!.id,
    kfzId: locations.find((l) => l.slug === 'kfz-zulassung')!.id,
    otherTenantLocationId: otherLocation.id,
    services: Object.fromEntries(services.map((s) => [s.slug, s.id])),
  };
}
