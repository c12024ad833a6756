/**
 * What a production process refuses to start with: settings that are right only on a developer's
 * machine. Each problem names its variable, like every other configuration error.
 */

/** Secrets that appear in this repository (development fallbacks and test fixtures): public knowledge. */
export const DEVELOPMENT_SECRETS: readonly string[] = ['development-only-session-secret-never-use-in-production', 'test-secret-test-secret-test-secret-00'];

export interface ProductionSettings {
  NODE_ENV: string;
  OIDC_ISSUER?: string | undefined;
  /** Secret variables by name; unset ones are skipped (their own schema requires them). */
  secrets?: Record<string, string | undefined>;
  DEV_OPEN_SOCKETS?: boolean | undefined;
}

function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '0.0.0.0' ||
    host === '::' ||
    host === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host.startsWith('::ffff:127.')
  );
}

/** The problems of these settings in production; none outside production. */
export function productionProblems(settings: ProductionSettings): { variable: string; problem: string }[] {
  if (settings.NODE_ENV !== 'production') return [];
  const problems: { variable: string; problem: string }[] = [];
  if (settings.OIDC_ISSUER !== undefined) {
    let issuer: URL | null = null;
    try {
      issuer = new URL(settings.OIDC_ISSUER);
    } catch {
      problems.push({ variable: 'OIDC_ISSUER', problem: 'must be a URL' });
    }
    if (issuer && issuer.protocol !== 'https:') problems.push({ variable: 'OIDC_ISSUER', problem: 'must be an https:// URL in production' });
    if (issuer && isLocalHost(issuer.hostname))
      problems.push({ variable: 'OIDC_ISSUER', problem: 'must not point to localhost in production (the development sign-in)' });
  }
  for (const [variable, value] of Object.entries(settings.secrets ?? {})) {
    if (value !== undefined && DEVELOPMENT_SECRETS.includes(value.trim())) {
      problems.push({ variable, problem: 'is a development default that anyone can read; generate one with `openssl rand -hex 32`' });
    }
  }
  if (settings.DEV_OPEN_SOCKETS) problems.push({ variable: 'DEV_OPEN_SOCKETS', problem: 'must not be enabled in production' });
  return problems;
}
