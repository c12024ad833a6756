export { createPrismaClient, sqlPool, type Db, type Tx, type DbOrTx, type DbOptions } from './client';
export { isUniqueViolation, isCheckViolation, isNotFound } from './errors';
export { migrateDatabase } from './migrate';
export * from './generated/prisma/enums';
export { Prisma } from './generated/prisma/client';
export type * from './generated/prisma/models';
export { recordAudit, type AuditActor, type AuditEntry } from './audit';
export { applyRetention, CONTACT_HISTORY_DAYS, type RetentionResult } from './retention';
