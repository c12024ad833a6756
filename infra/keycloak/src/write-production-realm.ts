import { writeFileSync } from 'node:fs';
import { loadRealm, productionRealmFile } from './load-realm';
import { productionRealm } from './production-realm';

// Regenerates realm-production.json after a change to the development realm:
//   pnpm --filter @termin/keycloak-realm production-realm
writeFileSync(productionRealmFile, `${JSON.stringify(productionRealm(loadRealm()), null, 2)}\n`);
console.log(`Wrote ${productionRealmFile}`);
