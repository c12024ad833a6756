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

const auditDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const auditLogQuery = z
  .object({
    locationId: z.uuid().optional(),
    /** Only this user's entries (their name, or their subject id when the name is unknown). */
    actor: z.string().trim().min(1).max(100).optional(),
    /** Only entries of this action, e.g. `location.update`. */
    action: z.string().trim().min(1).max(64).optional(),
    /** First and last day (inclusive), in the municipality's time zone. */
    from: auditDay.optional(),
    to: auditDay.optional(),
    /** 1-based page of `limit` entries, newest first. */
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], params: { fieldCode: 'end_before_start' } });
export type AuditLogQueryInput = z.input<typeof auditLogQuery>;

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
  /** The municipality's IANA zone: show the times in it. */
  timezone: z.string(),
  page: z.number().int(),
  /** Whether an older page exists. */
  hasMore: z.boolean(),
  /** Every user and action the municipality's log holds, for the filter's choices. */
  actors: z.array(z.string()),
  actions: z.array(z.string()),
});

/** POST /api/v1/socket-tickets */
export const socketTicketResponse = z.object({ ticket: z.string(), expiresInSeconds: z.number().int() });
