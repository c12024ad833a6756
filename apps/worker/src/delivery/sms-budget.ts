import { recordAudit, type Db } from '@termin/db';
import { localDateOf } from '@termin/domain';

export interface SmsBudgetTenant {
  id: string;
  timezone: string;
  smsDailyBudget: number;
}

/**
 * Takes one place in the tenant's SMS budget of the local day: a conditional upsert, so racing
 * workers never send more than the budget. False when the day's budget is used up; the first
 * worker to find that out (it sets `exhaustedAt`) writes the alert to the audit log, once a day.
 */
export async function takeSmsPlace(db: Db, tenant: SmsBudgetTenant, now: Date): Promise<boolean> {
  const day = localDateOf(now, tenant.timezone);
  const taken = await db.$queryRaw<{ sent: number }[]>`
    INSERT INTO "SmsDailyUsage" ("tenantId", "day", "sent")
    SELECT ${tenant.id}::uuid, ${day}::date, 1 WHERE ${tenant.smsDailyBudget}::int > 0
    ON CONFLICT ("tenantId", "day") DO UPDATE SET "sent" = "SmsDailyUsage"."sent" + 1
      WHERE "SmsDailyUsage"."sent" < ${tenant.smsDailyBudget}::int
    RETURNING "sent"`;
  if (taken.length > 0) return true;
  await db.$transaction(async (tx) => {
    const first = await tx.$queryRaw<{ day: Date }[]>`
      INSERT INTO "SmsDailyUsage" ("tenantId", "day", "sent", "exhaustedAt")
      VALUES (${tenant.id}::uuid, ${day}::date, 0, ${now})
      ON CONFLICT ("tenantId", "day") DO UPDATE SET "exhaustedAt" = ${now}
        WHERE "SmsDailyUsage"."exhaustedAt" IS NULL
      RETURNING "day"`;
    if (first.length === 0) return;
    await recordAudit(
      tx,
      { sub: 'system', username: 'worker', roles: ['system'], tenantId: tenant.id },
      { action: 'sms.daily_budget_exhausted', entityType: 'Tenant', entityId: tenant.id, details: { day, budget: tenant.smsDailyBudget } },
    );
  });
  return false;
}

/** Gives a place back after the provider refused the SMS: the retry takes it again. */
export async function releaseSmsPlace(db: Db, tenant: SmsBudgetTenant, now: Date): Promise<void> {
  const day = localDateOf(now, tenant.timezone);
  await db.$executeRaw`
    UPDATE "SmsDailyUsage" SET "sent" = "sent" - 1
    WHERE "tenantId" = ${tenant.id}::uuid AND "day" = ${day}::date AND "sent" > 0`;
}
