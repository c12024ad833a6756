import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type Bindings = Record<string, unknown>;
type ChildLoggerOptions = { level?: string };

/**
 * Log options that keep personal data out of the logs: requests are logged by method and route
 * pattern only (paths and query strings can hold a booking code or an email), IPs are not logged, and any field that can
 * carry citizen data is censored wherever it appears in a logged object.
 */
const PERSONAL_FIELDS = [
  'citizenName',
  'citizenEmail',
  'citizenPhone',
  'name',
  'email',
  'phone',
  'bookingCode',
  'code',
  // The clerk's note about a visit can say anything about the citizen.
  'visitNote',
  'note',
  'authorization',
  'cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
] as const;

const redactPaths = PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `req.headers.${f}`, `res.headers.${f}`]);
// The e-mail address of a booking look-up travels in this header.
redactPaths.push('req.headers["booking-email"]');

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: [...new Set(redactPaths)], censor: '[redacted]' },
    serializers: {
      req(req: { method: string; url: string; id: string; routeOptions?: { url?: string } }) {
        return { id: req.id, method: req.method, route: req.routeOptions?.url ?? '(no route)' };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
  };
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogFn = (...args: unknown[]) => void;

/**
 * Fastify makes a child logger for every request, and with the redaction above, making one costs
 * more than answering a cached request (5 % of the API's CPU in the availability benchmark). This
 * child is made only when the request logs something the level lets through.
 */
class DeferredChildLogger {
  #made: FastifyBaseLogger | undefined;
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}
  private get made(): FastifyBaseLogger {
    return (this.#made ??= this.parent.child(this.bindings, this.options));
  }
  get level() {
    return this.#made?.level ?? this.parent.level;
  }
  set level(level: string) {
    this.made.level = level;
  }
  child(bindings: Bindings, options?: ChildLoggerOptions) {
    return this.made.child(bindings, options);
  }
  #log(level: Level, args: unknown[]) {
    if (this.#made || ((this.parent as { isLevelEnabled?: (l: Level) => boolean }).isLevelEnabled?.(level) ?? true)) (this.made[level] as LogFn)(...args);
  }
  fatal(...args: unknown[]) {
    this.#log('fatal', args);
  }
  error(...args: unknown[]) {
    this.#log('error', args);
  }
  warn(...args: unknown[]) {
    this.#log('warn', args);
  }
  info(...args: unknown[]) {
    this.#log('info', args);
  }
  debug(...args: unknown[]) {
    this.#log('debug', args);
  }
  trace(...args: unknown[]) {
    this.#log('trace', args);
  }
  silent() {}
}

export const deferredChildLoggerFactory = (logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger =>
  // A route with its own level gets a real child at once, so the level applies from the start.
  options.level ? logger.child(bindings, options) : (new DeferredChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger);
