import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRealm, placeholderName, productionRealm, productionRealmFile, realmSchema, resolvePlaceholders, webClients } from '../src/index';

const realm = loadRealm(productionRealmFile);
const raw: unknown = JSON.parse(readFileSync(productionRealmFile, 'utf8'));
const client = (clientId: string) => {
  const found = realm.clients.find((c) => c.clientId === clientId);
  if (!found) throw new Error(`client ${clientId} missing`);
  return found;
};
const everyUri = (c: ReturnType<typeof client>) => [
  ...c.redirectUris,
  ...(c.webOrigins ?? []),
  ...(c.attributes?.['post.logout.redirect.uris']?.split('##') ?? []),
  c.rootUrl ?? '',
  c.baseUrl ?? '',
];

describe('production realm', () => {
  it('is a valid realm representation and what the generator makes of the development realm', () => {
    expect(realmSchema.safeParse(raw).success).toBe(true);
    expect(raw).toEqual(productionRealm(loadRealm()));
  });

  it('has no users: no demo account with a known password can exist in production', () => {
    expect(realm.users).toEqual([]);
  });

  it('has no localhost, loopback or plain-http address in any client', () => {
    for (const c of realm.clients) {
      for (const uri of everyUri(c)) {
        expect(uri, `${c.clientId}: ${uri}`).not.toMatch(/localhost|127\.0\.0\.1|\[::1\]|^http:/);
      }
    }
  });

  it.each(Object.entries(webClients))('%s is confidential, with its secret and addresses from the configured domain', (clientId, { urlVariable, secretVariable }) => {
    const c = client(clientId);
    expect(c.publicClient).toBe(false);
    expect(c.clientAuthenticatorType).toBe('client-secret');
    expect(placeholderName(c.secret ?? '')).toBe(secretVariable);
    expect(c.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(c.redirectUris).toEqual([`\${${urlVariable}}/*`]);
    const env = { [urlVariable]: 'https://termin.example-stadt.de' };
    expect(c.redirectUris.map((u) => resolvePlaceholders(u, env))).toEqual(['https://termin.example-stadt.de/*']);
  });

  it('requires HTTPS, strong passwords and locks out guessing', () => {
    expect(realm.sslRequired).toBe('all');
    expect(realm.bruteForceProtected).toBe(true);
    expect(realm.registrationAllowed).toBe(false);
    const minLength = Number(/length\((\d+)\)/.exec(realm.passwordPolicy ?? '')?.[1]);
    expect(minLength).toBeGreaterThanOrEqual(12);
    expect(realm.passwordPolicy).toContain('notUsername');
  });

  it('asks every admin for a one-time code in the browser flow, and nobody else', () => {
    const flows = new Map((realm.authenticationFlows ?? []).map((f) => [f.alias, f]));
    const top = flows.get(realm.browserFlow ?? '');
    expect(top?.topLevel).toBe(true);
    // Follow the sub-flows down to the conditional one holding the OTP form.
    const reachable = (alias: string): string[] => [
      alias,
      ...(flows.get(alias)?.authenticationExecutions ?? []).flatMap((e) => (e.flowAlias ? reachable(e.flowAlias) : [])),
    ];
    const otpFlow = reachable(top!.alias)
      .map((a) => flows.get(a)!)
      .find((f) => f.authenticationExecutions.some((e) => e.authenticator === 'auth-otp-form'));
    expect(otpFlow).toBeDefined();
    const condition = otpFlow!.authenticationExecutions.find((e) => e.authenticator === 'conditional-user-role');
    expect(condition?.requirement).toBe('REQUIRED');
    const config = realm.authenticatorConfig?.find((c) => c.alias === condition?.authenticatorConfig);
    expect(config?.config).toEqual({ condUserRole: 'admin', not: 'false' });
    const parent = [...flows.values()].flatMap((f) => f.authenticationExecutions).find((e) => e.flowAlias === otpFlow!.alias);
    expect(parent?.requirement).toBe('CONDITIONAL');
  });

  it('asks platform admins for a one-time code too, once for an account that is also an admin', () => {
    const flows = new Map((realm.authenticationFlows ?? []).map((f) => [f.alias, f]));
    const configOf = (alias: string | undefined) => realm.authenticatorConfig?.find((c) => c.alias === alias)?.config;
    const platformFlow = [...flows.values()].find((f) =>
      f.authenticationExecutions.some((e) => e.authenticator === 'conditional-user-role' && configOf(e.authenticatorConfig)?.condUserRole === 'platform-admin'),
    );
    expect(platformFlow).toBeDefined();
    const conditions = platformFlow!.authenticationExecutions.filter((e) => e.authenticator === 'conditional-user-role').map((e) => configOf(e.authenticatorConfig));
    expect(conditions).toEqual([
      { condUserRole: 'platform-admin', not: 'false' },
      { condUserRole: 'admin', not: 'true' },
    ]);
    expect(platformFlow!.authenticationExecutions.some((e) => e.authenticator === 'auth-otp-form')).toBe(true);
    const parent = [...flows.values()].flatMap((f) => f.authenticationExecutions).find((e) => e.flowAlias === platformFlow!.alias);
    expect(parent?.requirement).toBe('CONDITIONAL');
  });

  it('keeps the roles, mappers and user profile of the development realm', () => {
    const development = loadRealm();
    expect(realm.roles).toEqual(development.roles);
    expect(realm.components).toEqual(development.components);
    for (const c of development.clients) expect(client(c.clientId).protocolMappers).toEqual(c.protocolMappers);
  });
});
