import { loadRealm, placeholderName, type RealmRepresentation } from '@termin/keycloak-realm';

export type Env = Record<string, string | undefined>;

/** A user the development provider can sign in; realm users are converted into this shape. */
export interface DevIdpUser {
  /** Becomes the token's `sub`; defaults to a value derived from the username. */
  id?: string;
  username: string;
  password: string;
  roles: string[];
  tenant: string;
  locations: string[];
  email?: string;
  firstName?: string;
  lastName?: string;
}

export interface Account {
  id: string;
  username: string;
  password: string;
  email: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  /** Realm roles with composites expanded, as Keycloak puts them into `realm_access.roles`. */
  realmRoles: string[];
  /** Keycloak user attributes; each attribute is a list of values. */
  attributes: Record<string, string[]>;
}

/**
 * Development default for a demo user whose password variable is unset: `termin-dev-<username>`.
 * Deliberately not the username alone, so nobody gets used to `admin`/`admin`.
 */
export function defaultDevPassword(username: string): string {
  return `termin-dev-${username}`;
}

/**
 * Password the development provider accepts for a realm user: the value of the user's `${VARIABLE}`
 * placeholder from `env`, or the development default when the variable is unset.
 */
export function demoPassword(username: string, env: Env = process.env, realm: RealmRepresentation = loadRealm()): string {
  const user = realm.users.find((u) => u.username === username);
  if (!user) throw new Error(`No user "${username}" in realm ${realm.realm}`);
  const value = user.credentials?.find((c) => c.type === 'password')?.value;
  if (value === undefined) throw new Error(`User "${username}" has no password credential`);
  const variable = placeholderName(value);
  if (variable === undefined) return value;
  const fromEnv = env[variable];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : defaultDevPassword(username);
}

function expandRoles(names: string[], realm: RealmRepresentation): string[] {
  const byName = new Map(realm.roles.realm.map((r) => [r.name, r]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const inner of byName.get(name)?.composites?.realm ?? []) visit(inner);
  };
  names.forEach(visit);
  return [...seen];
}

export function accountsFromRealm(realm: RealmRepresentation, extraUsers: DevIdpUser[] = [], env: Env = process.env): Map<string, Account> {
  const accounts = new Map<string, Account>();
  for (const user of realm.users) {
    if (!user.enabled) continue;
    const id = user.id ?? `user-${user.username}`;
    accounts.set(user.username, {
      id,
      username: user.username,
      password: demoPassword(user.username, env, realm),
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      realmRoles: expandRoles(user.realmRoles ?? [], realm),
      attributes: user.attributes ?? {},
    });
  }
  for (const user of extraUsers) {
    accounts.set(user.username, {
      id: user.id ?? `user-${user.username}`,
      username: user.username,
      password: user.password,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      realmRoles: expandRoles(user.roles, realm),
      attributes: { tenant: [user.tenant], locations: user.locations },
    });
  }
  return accounts;
}
