import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { realmSchema, type RealmRepresentation } from './realm-schema';

/** The development realm: the development provider serves it, with the demo users. */
export const realmFile = fileURLToPath(new URL('../realm-terminvergabe.json', import.meta.url));

/** What production Keycloak imports: derived from the development realm, without users (production-realm.ts). */
export const productionRealmFile = fileURLToPath(new URL('../realm-production.json', import.meta.url));

export function loadRealm(file: string = realmFile): RealmRepresentation {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return realmSchema.parse(json);
}
