export { loadRealm, realmFile } from './load-realm';
export { placeholderName, resolvePlaceholders } from './placeholders';
export * from './realm-schema';
