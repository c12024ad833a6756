import { describe, expect, it } from 'vitest';
import { ConfigError, loadApiConfig, loadWebConfig, loadWorkerConfig } from '../src';

const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/termin',
  REDIS_URL: 'redis://127.0.0.1:6379',
  CONTACT_HASH_SECRET: 'x'.repeat(32),
};

describe('API configuration', () => {
  it('fills defaults for a minimal valid environment', () => {
    const config = loadApiConfig(valid);
    expect(config.API_PORT).toBe(4000);
    expect(config.RATE_LIMIT_MAX).toBe(100);
    expect(config.CORS_ORIGINS).toContain('http://localhost:3000');
    expect(config.WS_HEARTBEAT_MS).toBe(30_000);
  });

  it('names every missing variable in one error', () => {
    let error: unknown;
    try {
      loadApiConfig({});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL: is required but not set/);
    expect(message).toMatch(/REDIS_URL: is required but not set/);
    expect(message).toMatch(/CONTACT_HASH_SECRET: is required but not set/);
  });

  it('explains what is wrong with an invalid value', () => {
    expect(() => loadApiConfig({ ...valid, API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => loadApiConfig({ ...valid, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgresql:\/\//);
    expect(() => loadApiConfig({ ...valid, CONTACT_HASH_SECRET: 'short' })).toThrow(/CONTACT_HASH_SECRET: must be at least 32/);
    expect(() => loadApiConfig({ ...valid, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must be false or the addresses\/subnets of the trusted proxies/);
    expect(loadApiConfig({ ...valid, TRUST_PROXY: 'uniquelocal' }).TRUST_PROXY).toBe('uniquelocal');
    expect(loadApiConfig({ ...valid, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadApiConfig(valid).TRUST_PROXY).toBe(false);
    expect(() => loadApiConfig({ ...valid, WS_HEARTBEAT_MS: '10' })).toThrow(/WS_HEARTBEAT_MS/);
  });

  it('reads lists and treats empty values as unset', () => {
    const config = loadApiConfig({ ...valid, CORS_ORIGINS: 'https://termin.example.de, https://staff.example.de', API_PORT: '' });
    expect(config.CORS_ORIGINS).toEqual(['https://termin.example.de', 'https://staff.example.de']);
    expect(config.API_PORT).toBe(4000);
  });

  it('refuses the open-socket development switch in production', () => {
    expect(() => loadApiConfig({ ...valid, NODE_ENV: 'production', DEV_OPEN_SOCKETS: 'true' })).toThrow(/DEV_OPEN_SOCKETS/);
  });
});

describe('worker configuration', () => {
  it('requires the database and Redis', () => {
    expect(() => loadWorkerConfig({})).toThrow(/DATABASE_URL[\s\S]*REDIS_URL/);
    expect(loadWorkerConfig(valid).WORKER_HEALTH_PORT).toBe(4100);
  });

  it('retries after two seconds by default and accepts a shorter backoff', () => {
    expect(loadWorkerConfig(valid).JOB_BACKOFF_MS).toBe(2_000);
    expect(loadWorkerConfig({ ...valid, JOB_BACKOFF_MS: '50' }).JOB_BACKOFF_MS).toBe(50);
    expect(() => loadWorkerConfig({ ...valid, WORKER_LOCK_DURATION_MS: '10' })).toThrow(/WORKER_LOCK_DURATION_MS/);
  });
});

describe('web app configuration', () => {
  it('reaches the API at API_URL, falling back to the address browsers use', () => {
    expect(loadWebConfig({ API_URL: 'http://api:4000/', PUBLIC_API_URL: 'https://api.example.org' }, { defaultAppUrl: 'http://localhost:3000' })).toMatchObject({
      apiBaseUrl: 'http://api:4000',
      publicApiUrl: 'https://api.example.org',
      appUrl: 'http://localhost:3000',
    });
    expect(loadWebConfig({ PUBLIC_API_URL: 'https://api.example.org' }, { defaultAppUrl: 'http://localhost:3000' }).apiBaseUrl).toBe('https://api.example.org');
  });

  it('refuses production without a session secret, and names every bad variable at once', () => {
    expect(() => loadWebConfig({ NODE_ENV: 'production' }, { defaultAppUrl: 'http://localhost:3001' })).toThrow(/SESSION_SECRET: is required when NODE_ENV=production/);
    let error: unknown;
    try {
      loadWebConfig({ API_URL: 'api', SESSION_SECRET: 'short' }, { defaultAppUrl: 'http://localhost:3001' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/API_URL: must be a URL/);
    expect((error as Error).message).toMatch(/SESSION_SECRET: must be at least 32/);
  });

  it('reads the confidential client secret of staff and admin, refusing a short one', () => {
    expect(loadWebConfig({}, { defaultAppUrl: 'http://localhost:3001' }).oidcClientSecret).toBeUndefined();
    expect(loadWebConfig({ OIDC_CLIENT_SECRET: 'a'.repeat(64) }, { defaultAppUrl: 'http://localhost:3001' }).oidcClientSecret).toBe('a'.repeat(64));
    expect(() => loadWebConfig({ OIDC_CLIENT_SECRET: 'short' }, { defaultAppUrl: 'http://localhost:3001' })).toThrow(/OIDC_CLIENT_SECRET: must be at least 16/);
  });
});

describe('production guards', () => {
  const production = { ...valid, NODE_ENV: 'production', CONTACT_HASH_SECRET: 'a1'.repeat(32), OIDC_ISSUER: 'https://login.termin.example.de/realms/terminvergabe' };

  it('starts with an https issuer and a generated secret', () => {
    expect(loadApiConfig(production).OIDC_ISSUER).toBe('https://login.termin.example.de/realms/terminvergabe');
  });

  it.each([
    ['the default (development) issuer', { OIDC_ISSUER: undefined }],
    ['an http:// issuer', { OIDC_ISSUER: 'http://login.termin.example.de/realms/terminvergabe' }],
    ['an https issuer on localhost', { OIDC_ISSUER: 'https://localhost:8080/realms/terminvergabe' }],
    ['an https issuer on 127.0.0.1', { OIDC_ISSUER: 'https://127.0.0.1/realms/terminvergabe' }],
    ['an https issuer on [::1]', { OIDC_ISSUER: 'https://[::1]/realms/terminvergabe' }],
    ['an https issuer on a .localhost name', { OIDC_ISSUER: 'https://idp.localhost/realms/terminvergabe' }],
  ])('refuses %s in production, naming OIDC_ISSUER', (_label, change) => {
    expect(() => loadApiConfig({ ...production, ...change })).toThrow(/OIDC_ISSUER: must/);
  });

  it('refuses a development default secret in production, also when set explicitly', () => {
    expect(() => loadApiConfig({ ...production, CONTACT_HASH_SECRET: 'test-secret-test-secret-test-secret-00' })).toThrow(
      /CONTACT_HASH_SECRET: is a development default/,
    );
    expect(() => loadApiConfig({ ...production, CONTACT_HASH_SECRET: 'development-only-session-secret-never-use-in-production' })).toThrow(
      /CONTACT_HASH_SECRET: is a development default/,
    );
  });

  it('checks the booking challenge key at start-up: too short refused, a development default refused in production', () => {
    expect(() => loadApiConfig({ ...valid, BOOKING_CHALLENGE_SECRET: 'short' })).toThrow(/BOOKING_CHALLENGE_SECRET: must be at least 32/);
    expect(() => loadApiConfig({ ...production, BOOKING_CHALLENGE_SECRET: 'test-secret-test-secret-test-secret-00' })).toThrow(
      /BOOKING_CHALLENGE_SECRET: is a development default/,
    );
    expect(loadApiConfig({ ...production, BOOKING_CHALLENGE_SECRET: 'b2'.repeat(32) }).BOOKING_CHALLENGE_EXPIRES_MS).toBe(600_000);
  });

  it('names every production problem in one error', () => {
    const message = (() => {
      try {
        loadApiConfig({
          ...production,
          OIDC_ISSUER: 'http://localhost:8080/realms/terminvergabe',
          CONTACT_HASH_SECRET: 'test-secret-test-secret-test-secret-00',
          DEV_OPEN_SOCKETS: 'true',
        });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/OIDC_ISSUER: must be an https/);
    expect(message).toMatch(/OIDC_ISSUER: must not point to localhost/);
    expect(message).toMatch(/CONTACT_HASH_SECRET: is a development default/);
    expect(message).toMatch(/DEV_OPEN_SOCKETS: must not be enabled in production/);
  });

  it('keeps development and tests free of these rules', () => {
    expect(loadApiConfig({ ...valid, CONTACT_HASH_SECRET: 'test-secret-test-secret-test-secret-00' }).OIDC_ISSUER).toMatch(/^http:\/\/localhost/);
  });
});

describe('web app configuration in production', () => {
  const production = {
    NODE_ENV: 'production',
    ORIGIN: 'https://staff.termin.example.de',
    SESSION_SECRET: 'b2'.repeat(32),
    OIDC_ISSUER: 'https://login.termin.example.de/realms/terminvergabe',
  };

  it('uses the development sign-in outside production', () => {
    const config = loadWebConfig({}, { defaultAppUrl: 'http://localhost:3001' });
    expect(config.appUrl).toBe('http://localhost:3001');
    expect(config.oidcIssuer).toBe('http://localhost:8080/realms/terminvergabe');
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('starts in production with real settings', () => {
    expect(loadWebConfig(production, { defaultAppUrl: 'http://localhost:3001' }).appUrl).toBe('https://staff.termin.example.de');
  });

  it.each([
    ['no session secret', { SESSION_SECRET: undefined }, /SESSION_SECRET: is required/],
    [
      'the development session secret set explicitly',
      { SESSION_SECRET: 'development-only-session-secret-never-use-in-production' },
      /SESSION_SECRET: is a development default/,
    ],
    ['the development issuer', { OIDC_ISSUER: undefined }, /OIDC_ISSUER: must be an https/],
    ['an http issuer', { OIDC_ISSUER: 'http://login.termin.example.de/realms/terminvergabe' }, /OIDC_ISSUER: must be an https/],
    ['no ORIGIN', { ORIGIN: undefined }, /ORIGIN: must be set/],
  ])('refuses %s in production', (_label, change, problem) => {
    expect(() => loadWebConfig({ ...production, ...change }, { defaultAppUrl: 'http://localhost:3001' })).toThrow(problem);
  });
});

describe("the citizen portal's municipality", () => {
  const production = {
    NODE_ENV: 'production',
    ORIGIN: 'https://termin.example.de',
    SESSION_SECRET: 'c3'.repeat(32),
    OIDC_ISSUER: 'https://login.termin.example.de/realms/terminvergabe',
  };
  const portal = { defaultAppUrl: 'http://localhost:3000', needsTenant: true };

  it('serves the demo municipality in development and the configured one in production', () => {
    expect(loadWebConfig({}, portal).tenantFor('localhost')).toBe('demo');
    expect(loadWebConfig({ ...production, DEFAULT_TENANT: 'musterstadt' }, portal).tenantFor('termin.example.de')).toBe('musterstadt');
  });

  it('finds the municipality by host name, falling back to DEFAULT_TENANT or to none', () => {
    const hosts = 'termine.musterstadt.de=musterstadt, termine.beispielheim.de=beispielheim';
    const shared = loadWebConfig({ ...production, TENANT_HOSTS: hosts }, portal);
    expect(shared.tenantFor('termine.beispielheim.de')).toBe('beispielheim');
    expect(shared.tenantFor('TERMINE.Musterstadt.DE')).toBe('musterstadt');
    expect(shared.tenantFor('evil.example.org')).toBeNull();
    expect(shared.tenantFor(null)).toBeNull();
    expect(loadWebConfig({ ...production, TENANT_HOSTS: hosts, DEFAULT_TENANT: 'musterstadt' }, portal).tenantFor('evil.example.org')).toBe('musterstadt');
  });

  it('refuses to start the portal in production without a municipality, and a malformed mapping anywhere', () => {
    expect(() => loadWebConfig(production, portal)).toThrow(/DEFAULT_TENANT: the citizen portal needs its municipality in production/);
    // Staff and admin find the tenant in the signed-in account instead.
    expect(() => loadWebConfig(production, { defaultAppUrl: 'http://localhost:3001' })).not.toThrow();
    expect(() => loadWebConfig({ TENANT_HOSTS: 'termine.musterstadt.de' }, portal)).toThrow(/TENANT_HOSTS: "termine.musterstadt.de" is not host=tenant-slug/);
    expect(() => loadWebConfig({ DEFAULT_TENANT: 'Muster Stadt' }, portal)).toThrow(/DEFAULT_TENANT: must be a tenant slug/);
  });
});

describe("the citizen portal's analytics", () => {
  const portal = { defaultAppUrl: 'http://localhost:3000', needsTenant: true };
  const production = {
    NODE_ENV: 'production',
    ORIGIN: 'https://termin.example.de',
    SESSION_SECRET: 'd4'.repeat(32),
    OIDC_ISSUER: 'https://login.termin.example.de/realms/terminvergabe',
    TENANT_HOSTS: 'termine.musterstadt.de=musterstadt',
    DEFAULT_TENANT: 'musterstadt',
  };

  it('is off without PLAUSIBLE_URL', () => {
    expect(loadWebConfig({}, portal).analytics).toBeNull();
    expect(loadWebConfig({ PLAUSIBLE_URL: '' }, portal).analytics).toBeNull();
  });

  it('reports each mapped host as its own site, every other host as the portal origin, or the configured name', () => {
    const analytics = loadWebConfig({ ...production, PLAUSIBLE_URL: 'https://statistik.example.de' }, portal).analytics!;
    expect(analytics.origin).toBe('https://statistik.example.de');
    expect(analytics.domainFor('Termine.Musterstadt.de')).toBe('termine.musterstadt.de');
    expect(analytics.domainFor('evil.example.org')).toBe('termin.example.de');
    expect(analytics.domainFor(null)).toBe('termin.example.de');
    const named = loadWebConfig({ ...production, PLAUSIBLE_URL: 'https://statistik.example.de/', PLAUSIBLE_DOMAIN: 'buergerportal.example.de' }, portal).analytics!;
    expect(named.domainFor('termine.musterstadt.de')).toBe('buergerportal.example.de');
  });

  it('refuses anything but an origin, and http:// in production', () => {
    expect(() => loadWebConfig({ PLAUSIBLE_URL: 'statistik.example.de' }, portal)).toThrow(/PLAUSIBLE_URL: must be a URL/);
    expect(() => loadWebConfig({ PLAUSIBLE_URL: 'https://example.de/js/script.js' }, portal)).toThrow(/PLAUSIBLE_URL: must be the analytics server's origin only/);
    expect(() => loadWebConfig({ PLAUSIBLE_URL: 'javascript:alert(1)' }, portal)).toThrow(/PLAUSIBLE_URL/);
    expect(() => loadWebConfig({ ...production, PLAUSIBLE_URL: 'http://statistik.example.de' }, portal)).toThrow(
      /PLAUSIBLE_URL: must be an https:\/\/ address in production/,
    );
    expect(loadWebConfig({ PLAUSIBLE_URL: 'http://127.0.0.1:8123' }, portal).analytics?.origin).toBe('http://127.0.0.1:8123');
    expect(() => loadWebConfig({ PLAUSIBLE_DOMAIN: 'a b' }, portal)).toThrow(/PLAUSIBLE_DOMAIN: must be a host name/);
  });
});
