import type { z } from 'zod';
import { createSealer, type CookieJar } from '@termin/web-auth';

export interface SealedCookieSpec<S extends z.ZodType> {
  name: string;
  path: string;
  maxAgeSeconds: number;
  /** What the cookie holds; a value that does not fit (an old format) reads as no cookie. */
  schema: S;
}

/**
 * An httpOnly cookie the browser can neither read nor alter (encrypted and authenticated with the
 * session secret, a key of its own per cookie name) and that expires on the server's clock too.
 */
export function createSealedCookie<S extends z.ZodType>(secret: () => string, spec: SealedCookieSpec<S>) {
  let sealer: ReturnType<typeof createSealer> | null = null;
  const seals = () => (sealer ??= createSealer(secret(), `cookie:${spec.name}`));
  return {
    async set(event: { cookies: CookieJar; url: URL }, value: z.infer<S>): Promise<void> {
      const sealed = await seals().seal({ value }, spec.maxAgeSeconds);
      event.cookies.set(spec.name, sealed, { path: spec.path, httpOnly: true, sameSite: 'lax', secure: event.url.protocol === 'https:', maxAge: spec.maxAgeSeconds });
    },
    async get(cookies: CookieJar): Promise<z.infer<S> | null> {
      const opened = await seals().open<{ value?: unknown }>(cookies.get(spec.name));
      const parsed = spec.schema.safeParse(opened?.value);
      return parsed.success ? parsed.data : null;
    },
    forget(cookies: CookieJar): void {
      cookies.delete(spec.name, { path: spec.path });
    },
  };
}
