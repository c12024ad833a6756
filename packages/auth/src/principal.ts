import { z } from 'zod';

export const ROLES = ['staff', 'admin', 'kiosk', 'display', 'platform-admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the verified access token reduced to what the API decides on. */
export interface Principal {
  sub: string;
  username: string;
  /** Only the application roles; Keycloak's default roles (offline_access, …) are dropped. */
  roles: Role[];
  tenant: string;
  /** Location slugs the user works at. */
  locations: string[];
  /** When the token expires (`exp`, epoch milliseconds): a live socket's access ends then. */
  expiresAt: number;
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

const claimsSchema = z.object({
  sub: z.string().min(1),
  exp: z.number(),
  preferred_username: z.string().min(1),
  tenant: z.string().min(1),
  locations: z.array(z.string()).default([]),
  realm_access: z.object({ roles: z.array(z.string()) }).default({ roles: [] }),
});

/** Returns the principal, or the reason the claims cannot describe one. */
export function principalFromClaims(claims: unknown): { principal: Principal } | { problem: string } {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    return { problem: `access token lacks valid claims: ${fields}` };
  }
  const { sub, exp, preferred_username, tenant, locations, realm_access } = parsed.data;
  return {
    principal: { sub, username: preferred_username, roles: realm_access.roles.filter(isRole), tenant, locations, expiresAt: exp * 1000 },
  };
}
