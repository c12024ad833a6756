export { loadRealm, productionRealmFile, realmFile } from './load-realm';
export { productionPasswordPolicy, productionRealm, webClients } from './production-realm';
export { placeholderName, resolvePlaceholders } from './placeholders';
export * from './realm-schema';
