import { applyRetention } from '@termin/db';
import type { WorkerContext } from '../context';

/**
 * Erases contact data past each tenant's retention period and records the run per tenant (counts
 * only), which the admin's data-protection page shows (see packages/db/src/retention.ts).
 */
export async function processRetention(ctx: WorkerContext): Promise<unknown> {
  const result = await applyRetention(ctx.db, ctx.now());
  ctx.log.info(result, 'retention applied');
  return result;
}
