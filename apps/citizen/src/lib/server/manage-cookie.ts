import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

const NAME = 'termin_manage';
// Long enough to look, decide and pick another time; short enough for a shared computer.
const MAX_AGE_SECONDS = 30 * 60;
// Only for development and tests; production refuses to start a lookup without SESSION_SECRET.
const DEVELOPMENT_SECRET = 'development-only-session-secret-never-use-in-production';

/** The proof of a successful lookup: code and e-mail address, kept between the citizen's requests. */
export interface ManageProof {
  code: string;
  email: string;
}

function key(): Buffer {
  const secret = env.SESSION_SECRET || (env.NODE_ENV === 'production' ? '' : DEVELOPMENT_SECRET);
  if (secret.length < 32) throw new Error('SESSION_SECRET must be set (at least 32 random characters) when NODE_ENV=production');
  return createHash('sha256').update(`termin-manage:${secret}`).digest();
}

/**
 * AES-256-GCM, so the browser can neither read the address nor swap in another booking's code:
 * holding the code alone (from the QR code or a shared screen) must never reveal personal data.
 */
function seal(proof: ManageProof, expiresAt: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ ...proof, exp: expiresAt }), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

function open(sealed: string): (ManageProof & { exp: number }) | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !body) return null;
    const decipher = createDecipheriv('aes-256-gcm', key(), iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
  } catch {
    return null;
  }
}

export function rememberLookup(cookies: Cookies, secure: boolean, proof: ManageProof): void {
  const value = seal(proof, Date.now() + MAX_AGE_SECONDS * 1000);
  cookies.set(NAME, value, { path: '/manage', httpOnly: true, sameSite: 'lax', secure, maxAge: MAX_AGE_SECONDS });
}

/** The e-mail address of an earlier lookup of this code, if it has not expired. */
export function recallLookup(cookies: Cookies, code: string): ManageProof | null {
  const sealed = cookies.get(NAME);
  const proof = sealed ? open(sealed) : null;
  if (!proof || proof.code !== code || typeof proof.email !== 'string' || !(proof.exp > Date.now())) return null;
  return { code: proof.code, email: proof.email };
}

export function forgetLookup(cookies: Cookies): void {
  cookies.delete(NAME, { path: '/manage' });
}
