import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { realmSchema, type RealmRepresentation } from './realm-schema';

/** The realm export Keycloak imports and the development provider serves. */
export const realmFile = fileURLToPath(new URL('../realm-terminvergabe.json', import.meta.url));

export function loadRealm(file: string = realmFile): RealmRepresentation {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return realmSchema.parse(json);
}
