/**
 * Options of every interactive transaction: during bursts (a morning's bookings, a check-in wave)
 * a transaction waits for a pool connection instead of failing after Prisma's default 2 s. A
 * transaction that deliberately runs longer (a delivery holding its lock while the mail goes out)
 * widens `timeout` on top of these.
 */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;
