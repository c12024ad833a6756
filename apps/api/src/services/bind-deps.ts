/** A package service: a plain function taking its dependencies first. */
type Service<D> = (deps: D, ...args: never[]) => unknown;

export type Bound<D, F extends Record<string, Service<D>>> = {
  [K in keyof F]: F[K] extends (deps: D, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/**
 * The package services with their dependencies filled in, made once at start-up. `deps` runs on
 * every call, so each call sees the clock at that moment.
 */
export function bindDeps<D, F extends Record<string, Service<D>>>(deps: () => D, services: F): Bound<D, F> {
  return Object.fromEntries(Object.entries(services).map(([name, service]) => [name, (...args: never[]) => service(deps(), ...args)])) as Bound<D, F>;
}
