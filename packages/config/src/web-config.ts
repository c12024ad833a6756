import { z } from 'zod';
import { ConfigError, nodeEnv, parseEnv, url, type Env } from './env';
import { DEVELOPMENT_SECRETS, productionProblems } from './production-guards';

// Only for development and tests; production refuses to start without SESSION_SECRET, or with this one.
const DEVELOPMENT_SECRET = DEVELOPMENT_SECRETS[0]!;

const tenantSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a tenant slug: lower-case letters, digits and "-"');

// zod runs refinements after a failed `url()` too: those leave an unreadable URL to that check.
function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const webSchema = z.object({
  NODE_ENV: nodeEnv(),
  /** The API as this server reaches it (inside Docker: http://api:4000). */
  API_URL: url().optional(),
  /** The API as browsers reach it (the live screens' socket); the fallback for API_URL. */
  PUBLIC_API_URL: url().optional(),
  /** Encrypts the sign-in session and the citizen's booking cookies. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters of random data').optional(),
  OIDC_ISSUER: url().default('http://localhost:8080/realms/terminvergabe'),
  /** Secret of the app's confidential OIDC client (staff and admin in production). */
  OIDC_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The app's public address (adapter-node reads it too). */
  ORIGIN: url().optional(),
  /** The municipality the citizen portal serves where TENANT_HOSTS names none for the host. */
  DEFAULT_TENANT: tenantSlug.optional(),
  /** One portal for several municipalities: `host=slug` pairs, comma-separated (termine.musterstadt.de=musterstadt). */
  TENANT_HOSTS: z
    .string()
    .transform((value, ctx) => {
      const hosts: Record<string, string> = {};
      for (const pair of value
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const [host, slug, ...rest] = pair.split('=').map((p) => p.trim());
        if (!host || !slug || rest.length || !tenantSlug.safeParse(slug).success || !/^[a-z0-9.-]+(:\d+)?$/i.test(host)) {
          ctx.addIssue({ code: 'custom', message: `"${pair}" is not host=tenant-slug (e.g. termine.musterstadt.de=musterstadt)` });
          return z.NEVER;
        }
        hosts[host.toLowerCase()] = slug;
      }
      return hosts;
    })
    .optional(),
  /**
   * The citizen portal's self-hosted Plausible (cookieless): its origin, e.g. https://statistik.musterstadt.de.
   * Unset, the portal loads no analytics script and its pages allow no other origin.
   */
  PLAUSIBLE_URL: url()
    .refine((value) => /^https?:$/.test(parsedUrl(value)?.protocol ?? 'http:'), 'must be an http(s):// address')
    .refine((value) => {
      const parsed = parsedUrl(value);
      return !parsed || (parsed.pathname === '/' && !parsed.search && !parsed.hash);
    }, "must be the analytics server's origin only, without a path (e.g. https://statistik.musterstadt.de)")
    .optional(),
  /** The site name the citizen portal reports to Plausible; by default the host the page was asked under. */
  PLAUSIBLE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a host name (e.g. termin.musterstadt.de)')
    .optional(),
});

export interface WebConfig {
  production: boolean;
  apiBaseUrl: string;
  publicApiUrl: string;
  sessionSecret: string;
  oidcIssuer: string;
  oidcClientSecret: string | undefined;
  appUrl: string;
  /** Plausible for the citizen portal: its origin (script and events) and the site name per host; null without PLAUSIBLE_URL. */
  analytics: { origin: string; domainFor(host: string | null): string } | null;
  /** The municipality a request's host belongs to (TENANT_HOSTS, else DEFAULT_TENANT), or null. */
  tenantFor(host: string | null): string | null;
}

export interface WebConfigOptions {
  /** Where the app runs in development (its ORIGIN in production). */
  defaultAppUrl: string;
  /** The citizen portal serves one municipality per host: production refuses to start without one. */
  needsTenant?: boolean;
}

/** The settings of one SvelteKit app's server. */
export function loadWebConfig(env: Env, { defaultAppUrl, needsTenant = false }: WebConfigOptions): WebConfig {
  const config = parseEnv(webSchema, env);
  const production = config.NODE_ENV === 'production';
  // In production also: no http:// or localhost issuer, no development secret, the public address set.
  const problems = productionProblems({ NODE_ENV: config.NODE_ENV, OIDC_ISSUER: config.OIDC_ISSUER, secrets: { SESSION_SECRET: config.SESSION_SECRET } });
  if (production && !config.SESSION_SECRET)
    problems.push({ variable: 'SESSION_SECRET', problem: 'is required when NODE_ENV=production (at least 32 random characters)' });
  if (production && !config.ORIGIN) problems.push({ variable: 'ORIGIN', problem: "must be set to the app's public https:// address in production" });
  if (production && config.PLAUSIBLE_URL?.startsWith('http://')) problems.push({ variable: 'PLAUSIBLE_URL', problem: 'must be an https:// address in production' });
  if (production && needsTenant && !config.DEFAULT_TENANT && !Object.keys(config.TENANT_HOSTS ?? {}).length)
    problems.push({ variable: 'DEFAULT_TENANT', problem: 'the citizen portal needs its municipality in production: set DEFAULT_TENANT (its slug) or TENANT_HOSTS' });
  if (problems.length) throw new ConfigError(problems);
  // Development serves the demo municipality; production only what it was told.
  const defaultTenant = config.DEFAULT_TENANT ?? (production ? null : 'demo');
  const tenantHosts = config.TENANT_HOSTS ?? {};
  const apiBaseUrl = (config.API_URL ?? config.PUBLIC_API_URL ?? 'http://localhost:4000').replace(/\/+$/, '');
  return {
    production,
    apiBaseUrl,
    publicApiUrl: config.PUBLIC_API_URL ?? apiBaseUrl,
    sessionSecret: config.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    oidcIssuer: config.OIDC_ISSUER,
    oidcClientSecret: config.OIDC_CLIENT_SECRET,
    appUrl: config.ORIGIN ?? defaultAppUrl,
    analytics: config.PLAUSIBLE_URL
      ? {
          origin: new URL(config.PLAUSIBLE_URL).origin,
          // Each municipality of a shared portal (TENANT_HOSTS) is its own site in Plausible, named
          // after its host; any other host (a client's Host header) reports as the portal's ORIGIN.
          domainFor: (host) => {
            const named = host?.toLowerCase();
            return config.PLAUSIBLE_DOMAIN ?? (named && tenantHosts[named] ? named : new URL(config.ORIGIN ?? defaultAppUrl).hostname);
          },
        }
      : null,
    tenantFor: (host) => (host ? tenantHosts[host.toLowerCase()] : undefined) ?? defaultTenant,
  };
}
