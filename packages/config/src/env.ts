import { z } from 'zod';

/** Thrown at boot when the environment is unusable; lists every bad variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.problem}`).join('\n') +
        '\nSet these environment variables (see .env.example) and start again.',
    );
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

/** Parses `env` with `schema`; empty strings count as unset so `FOO=` falls back to the default. */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Env): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(unknown)'),
      problem: issue.code === 'invalid_type' && cleaned[String(issue.path[0])] === undefined ? 'is required but not set' : issue.message,
    })),
  );
}

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
export const url = () => z.url({ message: 'must be a URL' });
export const postgresUrl = () => z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection URL');
export const redisUrl = () => z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL');
export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default(fallback);
export const list = () =>
  z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
export const nodeEnv = () => z.enum(['development', 'test', 'production']).default('development');
export const logLevel = () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
/**
 * First retry delay of background jobs; each further attempt waits twice as long. Every process that
 * enqueues jobs (API and worker) must have the same value: a job keeps the options of whoever added it.
 */
export const jobBackoffMs = () => z.coerce.number().int().min(1).max(600_000).default(2_000);
/** Bearer token a Prometheus scrape must send to `/metrics`; unset, the API answers 404 there. */
export const metricsToken = () => z.string().min(24, 'must be at least 24 characters of random data').optional();
