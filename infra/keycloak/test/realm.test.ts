import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRealm, placeholderName, realmFile, realmSchema } from '../src/index';

const realm = loadRealm();
const client = (clientId: string) => {
  const found = realm.clients.find((c) => c.clientId === clientId);
  if (!found) throw new Error(`client ${clientId} missing`);
  return found;
};
const user = (username: string) => {
  const found = realm.users.find((u) => u.username === username);
  if (!found) throw new Error(`user ${username} missing`);
  return found;
};

describe('realm export terminvergabe', () => {
  it('is a realm representation without unknown or misspelt fields', () => {
    const raw: unknown = JSON.parse(readFileSync(realmFile, 'utf8'));
    expect(realmSchema.safeParse(raw).success).toBe(true);
    expect(realm.realm).toBe('terminvergabe');
    expect(realm.enabled).toBe(true);
  });

  it('rejects a client with a misspelt flag, so typos cannot slip into the import', () => {
    const raw = JSON.parse(readFileSync(realmFile, 'utf8')) as { clients: Record<string, unknown>[] };
    raw.clients[0] = { ...raw.clients[0], standardFlowEnable: true };
    expect(realmSchema.safeParse(raw).success).toBe(false);
  });

  it.each([
    ['termin-staff', 3001, 'TERMIN_STAFF_URL'],
    ['termin-admin', 3002, 'TERMIN_ADMIN_URL'],
  ])('%s is a public code-flow client that requires PKCE S256', (clientId, port, envName) => {
    const c = client(clientId);
    expect(c.enabled).toBe(true);
    expect(c.publicClient).toBe(true);
    expect(c.standardFlowEnabled).toBe(true);
    expect(c.implicitFlowEnabled).toBe(false);
    expect(c.directAccessGrantsEnabled).toBe(false);
    expect(c.serviceAccountsEnabled).toBe(false);
    expect(c.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(c.redirectUris).toEqual([`http://localhost:${port}/*`, `\${${envName}}/*`]);
    expect(c.webOrigins).toContain(`\${${envName}}`);
  });

  it.each(['termin-staff', 'termin-admin'])('%s puts aud termin-api, tenant and locations into the access token', (clientId) => {
    const mappers = client(clientId).protocolMappers ?? [];

    const audience = mappers.find((m) => m.protocolMapper === 'oidc-audience-mapper');
    expect(audience?.config).toMatchObject({ 'included.client.audience': 'termin-api', 'access.token.claim': 'true' });

    const attribute = (name: string) => mappers.find((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper' && m.config['user.attribute'] === name);
    expect(attribute('tenant')?.config).toMatchObject({
      'claim.name': 'tenant',
      'jsonType.label': 'String',
      multivalued: 'false',
      'access.token.claim': 'true',
    });
    expect(attribute('locations')?.config).toMatchObject({
      'claim.name': 'locations',
      'jsonType.label': 'String',
      multivalued: 'true',
      'access.token.claim': 'true',
    });
  });

  it('termin-api is a bearer-only client that cannot start any login flow', () => {
    const api = client('termin-api');
    expect(api.bearerOnly).toBe(true);
    expect(api.publicClient).toBe(false);
    expect(api.standardFlowEnabled).toBe(false);
    expect(api.implicitFlowEnabled).toBe(false);
    expect(api.directAccessGrantsEnabled).toBe(false);
    expect(api.redirectUris).toEqual([]);
  });

  it('defines the realm roles staff, admin, kiosk, display and platform-admin', () => {
    const names = realm.roles.realm.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['staff', 'admin', 'kiosk', 'display', 'platform-admin']));
  });

  it('has a platform operator who is no admin of any municipality and works at no location', () => {
    const u = user('platform');
    expect(u.enabled).toBe(true);
    expect(u.realmRoles).toContain('platform-admin');
    expect(u.realmRoles).not.toContain('admin');
    expect(u.attributes?.tenant).toEqual(['demo']);
    expect(u.attributes?.locations).toEqual([]);
    expect(u.email && u.firstName && u.lastName).toBeTruthy();
  });

  it.each([
    ['admin', 'admin', 'demo'],
    ['staff', 'staff', 'demo'],
    ['kiosk', 'kiosk', 'demo'],
    ['display', 'display', 'demo'],
    ['staff-other', 'staff', 'other'],
  ])('demo user %s has role %s in tenant %s and known location slugs', (username, role, tenant) => {
    const u = user(username);
    expect(u.enabled).toBe(true);
    expect(u.realmRoles).toContain(role);
    expect(u.attributes?.tenant).toEqual([tenant]);
    expect(u.attributes?.locations?.length).toBeGreaterThan(0);
    for (const slug of u.attributes?.locations ?? []) {
      expect(['buergeramt-mitte', 'kfz-zulassung']).toContain(slug);
    }
    // Keycloak asks for missing profile fields on first login, which would break automated logins.
    expect(u.email && u.firstName && u.lastName).toBeTruthy();
    expect(u.requiredActions ?? []).toEqual([]);
  });

  it('contains no plain demo password: every credential is an environment placeholder', () => {
    const credentials = realm.users.flatMap((u) => u.credentials ?? []);
    expect(credentials).toHaveLength(realm.users.length);
    for (const credential of credentials) {
      expect(placeholderName(credential.value)).toMatch(/^TERMIN_DEMO_[A-Z_]+_PASSWORD$/);
      expect(credential.temporary).toBe(false);
    }
    const names = credentials.map((c) => placeholderName(c.value));
    expect(new Set(names).size).toBe(names.length);
  });

  it('declares tenant and locations in the user profile, since Keycloak drops undeclared attributes', () => {
    const provider = realm.components?.['org.keycloak.userprofile.UserProfileProvider']?.[0];
    expect(provider?.providerId).toBe('declarative-user-profile');
    const config = JSON.parse(provider?.config['kc.user.profile.config']?.[0] ?? '{}') as {
      attributes: { name: string; multivalued?: boolean }[];
    };
    const declared = (name: string) => config.attributes.find((a) => a.name === name);
    expect(declared('tenant')?.multivalued).toBe(false);
    expect(declared('locations')?.multivalued).toBe(true);
    for (const name of ['username', 'email', 'firstName', 'lastName']) expect(declared(name)).toBeDefined();
  });

  it('gives every role a user holds a definition in the realm', () => {
    const defined = new Set(realm.roles.realm.map((r) => r.name));
    for (const u of realm.users) for (const role of u.realmRoles ?? []) expect(defined).toContain(role);
  });
});
