import { startDevIdp, type DevIdp } from '@termin/dev-idp';
import { obtainTokens } from '@termin/dev-idp/test-login';
import { defaultDevPassword } from '@termin/dev-idp';

export type DemoUser = 'admin' | 'staff' | 'kiosk' | 'display' | 'platform' | 'staff-other' | 'staff-kfz' | 'kiosk-2' | 'admin-other';

export interface TestIdentity {
  issuer: string;
  /** A real access token from the development OIDC provider, signed in through authorization code + PKCE. */
  tokenFor(user: DemoUser): Promise<string>;
  /** A new sign-in (not the cached token): carries the user's rights as they are now. */
  freshTokenFor(user: DemoUser): Promise<string>;
  /** Changes a user's locations at the provider, as an administrator does in Keycloak. */
  setUserLocations(user: DemoUser, locations: string[]): void;
  close(): Promise<void>;
}

/** The development OIDC provider on a free port, with the realm's demo users plus one clerk of the Kfz office only, a second kiosk and an admin of the other tenant. */
export async function startTestIdentity(): Promise<TestIdentity> {
  const idp: DevIdp = await startDevIdp({
    port: 0,
    env: { NODE_ENV: 'test' },
    users: [
      {
        username: 'staff-kfz',
        password: defaultDevPassword('staff-kfz'),
        roles: ['staff'],
        tenant: 'demo',
        locations: ['kfz-zulassung'],
      },
      // A second kiosk device at Mitte: limits per device must not be shared between the two.
      { username: 'kiosk-2', password: defaultDevPassword('kiosk-2'), roles: ['kiosk'], tenant: 'demo', locations: ['buergeramt-mitte'] },
      // The other municipality's admin: its settings are its own, never the demo's.
      { username: 'admin-other', password: defaultDevPassword('admin-other'), roles: ['admin'], tenant: 'other', locations: [] },
    ],
  });
  const cache = new Map<DemoUser, Promise<string>>();
  const signIn = (user: DemoUser) =>
    obtainTokens({
      issuer: idp.issuer,
      clientId: 'termin-staff',
      redirectUri: 'http://localhost:3001/auth/callback',
      username: user,
      password: defaultDevPassword(user),
    }).then((t) => t.accessToken);
  return {
    issuer: idp.issuer,
    tokenFor(user) {
      let token = cache.get(user);
      if (!token) {
        token = signIn(user);
        cache.set(user, token);
      }
      return token;
    },
    freshTokenFor: signIn,
    setUserLocations(user, locations) {
      idp.setUserLocations(user, locations);
      cache.delete(user);
    },
    close: () => idp.close(),
  };
}
