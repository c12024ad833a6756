import { z } from 'zod';
import { productionProblems } from './production-guards';
import { bool, ConfigError, jobBackoffMs, list, logLevel, metricsToken, nodeEnv, parseEnv, port, postgresUrl, redisUrl, url, type Env } from './env';

const apiSchema = z.object({
  NODE_ENV: nodeEnv(),
  API_HOST: z.string().default('0.0.0.0'),
  API_PORT: port(4000),
  LOG_LEVEL: logLevel(),
  DATABASE_URL: postgresUrl(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: redisUrl(),
  JOB_BACKOFF_MS: jobBackoffMs(),
  /** Prefix of every Redis key and channel, so several deployments (or test runs) share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i, 'letters, digits, ":", "_" and "-" only')
    .default('termin'),
  CORS_ORIGINS: list().default(['http://localhost:3000', 'http://localhost:3001', 'http://localhost:3002']),
  /**
   * The proxies whose X-Forwarded-For entries the API believes: addresses, subnets or proxy-addr's
   * names (loopback, linklocal, uniquelocal), comma-separated; `false` for none. Behind Traefik in a
   * Docker network: `uniquelocal` (Traefik, and the web apps' servers that pass their visitor on).
   * `true` (believe every entry) is refused: a client could pick its own address and escape the
   * per-address rate limits.
   */
  TRUST_PROXY: z
    .string()
    .refine((v) => v !== 'true', 'must be false or the addresses/subnets of the trusted proxies (e.g. uniquelocal); true would trust what any client writes')
    .transform((v) => (v === 'false' ? false : v))
    .default(false),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_BOOKING_MAX: z.coerce.number().int().min(1).default(10),
  /** Check-ins per kiosk device and window: a hand scanner misfiring must not lock the office's other kiosks out. */
  RATE_LIMIT_KIOSK_MAX: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  /**
   * Online bookings one client address may make per BOOKING_BUDGET_WINDOW_MS, and all addresses of
   * its network together (IPv4 /24, IPv6 /64): against bots hoarding appointments from many
   * addresses or mailboxes. Counted in Redis, shared by all API instances.
   */
  BOOKING_BUDGET_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  BOOKING_BUDGET_PER_NETWORK: z.coerce.number().int().min(1).default(60),
  BOOKING_BUDGET_WINDOW_MS: z.coerce.number().int().min(1000).default(86_400_000),
  /**
   * The rush-day booking challenge (a tenant's `bookingChallenge`): HMAC key of the ALTCHA
   * challenges and wait tokens (without it one derived from CONTACT_HASH_SECRET), how long one is
   * valid, how long a form shown without JavaScript must wait, and the proof-of-work's size.
   */
  BOOKING_CHALLENGE_SECRET: z.string().min(32, 'must be at least 32 characters of random data').optional(),
  BOOKING_CHALLENGE_EXPIRES_MS: z.coerce.number().int().min(60_000).max(3_600_000).default(600_000),
  BOOKING_CHALLENGE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(8_000),
  BOOKING_CHALLENGE_MAX_NUMBER: z.coerce.number().int().min(1_000).max(10_000_000).default(200_000),
  CITIZEN_BASE_URL: url().default('http://localhost:3000'),
  /** HMAC key for contact hashes (booking limits, no-show history) and signed manage links. */
  CONTACT_HASH_SECRET: z.string().min(32, 'must be at least 32 characters of random data'),
  OIDC_ISSUER: url().default('http://localhost:8080/realms/terminvergabe'),
  OIDC_AUDIENCE: z.string().default('termin-api'),
  /** Development switch: lets staff/display sockets subscribe without a token. Refused in production. */
  DEV_OPEN_SOCKETS: bool(false),
  /** How often live-queue sockets are pinged; a socket that missed the previous pong is dropped. */
  WS_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Live-queue socket limits per RATE_LIMIT_WINDOW_MS: messages one socket may send (a screen subscribes once, again on a new token). */
  WS_MESSAGES_PER_SOCKET: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Messages all sockets of one address may send together (a town hall's screens share one address). */
  WS_MESSAGES_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Open live-queue sockets one address may hold at once; more are cut off at once. */
  WS_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  METRICS_TOKEN: metricsToken(),
});

export type ApiConfig = z.infer<typeof apiSchema>;

export function loadApiConfig(env: Env = process.env): ApiConfig {
  const config = parseEnv(apiSchema, env);
  const problems = productionProblems({
    NODE_ENV: config.NODE_ENV,
    OIDC_ISSUER: config.OIDC_ISSUER,
    secrets: { CONTACT_HASH_SECRET: config.CONTACT_HASH_SECRET, BOOKING_CHALLENGE_SECRET: config.BOOKING_CHALLENGE_SECRET },
    DEV_OPEN_SOCKETS: config.DEV_OPEN_SOCKETS,
  });
  if (problems.length) throw new ConfigError(problems);
  return config;
}
