import type { Tx } from '@termin/db';
import { formatTicketNumber } from '@termin/domain';

/**
 * The next ticket of a location, local day and prefix. The upsert locks the sequence row until the
 * surrounding transaction ends, so concurrent check-ins queue up behind it and never share a number;
 * a rolled-back check-in rolls the increment back too, so the numbers have no gaps.
 */
export async function nextTicketNumber(tx: Tx, locationId: string, localDate: string, prefix: string): Promise<string> {
  const rows = await tx.$queryRaw<{ lastNumber: number }[]>`
    INSERT INTO "TicketSequence" ("locationId", "localDate", "prefix", "lastNumber")
    VALUES (${locationId}::uuid, ${localDate}::date, ${prefix}, 1)
    ON CONFLICT ("locationId", "localDate", "prefix")
    DO UPDATE SET "lastNumber" = "TicketSequence"."lastNumber" + 1
    RETURNING "lastNumber"`;
  return formatTicketNumber(prefix, rows[0]!.lastNumber);
}

/** The @db.Date value of a local date string. */
export function dateColumn(localDate: string): Date {
  return new Date(`${localDate}T00:00:00Z`);
}
