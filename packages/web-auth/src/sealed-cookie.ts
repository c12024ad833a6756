import { createHash } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

/**
 * Encrypts (A256GCM) and authenticates cookie contents, so the browser can neither read nor alter
 * them. A `purpose` gives each kind of cookie its own key: one cookie's value opens as no other.
 */
export function createSealer(secret: string, purpose?: string) {
  if (secret.length < 32) throw new Error('the session secret must be at least 32 characters');
  const key = createHash('sha256')
    .update(purpose ? `${purpose}:${secret}` : secret)
    .digest();
  return {
    async seal(payload: Record<string, unknown>, maxAgeSeconds: number): Promise<string> {
      return new EncryptJWT(payload).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime(`${maxAgeSeconds}s`).encrypt(key);
    },
    async open<T>(sealed: string | undefined): Promise<T | null> {
      if (!sealed) return null;
      try {
        const { payload } = await jwtDecrypt(sealed, key);
        return payload as T;
      } catch {
        return null;
      }
    },
  };
}
