import { z } from 'zod';

export const roleSchema = z.enum(['staff', 'admin', 'kiosk', 'display', 'platform-admin']);

/** GET /api/v1/me: who is signed in and where they may work. */
export const meResponse = z.object({
  username: z.string(),
  roles: z.array(roleSchema),
  tenant: z.object({ id: z.uuid(), slug: z.string() }),
  locations: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string(), timezone: z.string() })),
});
export type Me = z.infer<typeof meResponse>;

export const auditLogQuery = z.object({
  locationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditLogResponse = z.object({
  entries: z.array(
    z.object({
      id: z.uuid(),
      at: z.iso.datetime(),
      actor: z.string(),
      role: z.string(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string().nullable(),
      locationId: z.uuid().nullable(),
    }),
  ),
});

/** POST /api/v1/socket-tickets */
export const socketTicketResponse = z.object({ ticket: z.string(), expiresInSeconds: z.number().int() });
