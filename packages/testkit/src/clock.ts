/**
 * A clock for code that takes `now` as a dependency. It stands still until the test moves it, so a
 * test about expiry or scheduling states the time that passes instead of sleeping through it.
 */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function createTestClock(start: Date = new Date()): TestClock {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance(ms) {
      at += ms;
    },
  };
}
