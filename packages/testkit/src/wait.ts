import { inspect } from 'node:util';
import { vi } from 'vitest';

export interface WaitForOptions {
  /** Give up after this long; 20 s unless told. */
  timeoutMs?: number;
  /** Pause between two checks; 50 ms unless told. */
  intervalMs?: number;
}

/**
 * Checks again and again until `check` returns a truthy value, and returns that value. A check that
 * throws (a failed `expect`, a refused connection) counts as "not yet". When time runs out the
 * error says what was awaited and what the last check saw (its error or its value), so a failure
 * explains itself. An assertion-only check ends with `return true`.
 */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, options: WaitForOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 20_000, intervalMs = 50 } = options;
  let last: { error: unknown } | { value: unknown } = { value: undefined };
  const notYet = new Error(`not yet: ${what}`);
  try {
    return await vi.waitFor(
      async () => {
        try {
          const value = await check();
          last = { value };
          if (value) return value as NonNullable<T>;
        } catch (error) {
          last = { error };
        }
        throw notYet;
      },
      { timeout: timeoutMs, interval: intervalMs },
    );
  } catch {
    // The check never throws past its own catch, so vi.waitFor rejects only when time is up.
    const seen = 'error' in last ? `last error: ${describe(last.error)}` : `last value: ${inspect(last.value, { depth: 3, breakLength: Infinity })}`;
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${seen}`, { cause: 'error' in last ? last.error : undefined });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : inspect(error);
}
