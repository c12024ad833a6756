// Administration services: a municipality configures its offices (routes under /api/v1/admin).
import * as closures from './closures';
import * as counters from './counters';
import * as emergency from './emergency-closure';
import * as holidays from './holidays';
import * as locations from './locations';
import * as openingHours from './opening-hours';
import * as overview from './overview';
import * as platform from './platform';
import * as services from './services';
import * as tenant from './tenant';
import type { AdminActor, AdminDeps } from './context';

export type { AdminActor, AdminDeps, PublishRequest } from './context';
export { publishSlots, type PublishResult } from './publish';
export { slotImpact, horizonOf } from './slot-impact';

type Bound<T> = { [K in keyof T]: T[K] extends (deps: AdminDeps, actor: AdminActor, ...rest: infer A) => infer R ? (actor: AdminActor, ...rest: A) => R : never };

function bind<T extends Record<string, unknown>>(deps: AdminDeps, module: T): Bound<T> {
  return Object.fromEntries(
    Object.entries(module)
      .filter(([, fn]) => typeof fn === 'function')
      .map(([name, fn]) => [name, (actor: AdminActor, ...rest: unknown[]) => (fn as (...a: unknown[]) => unknown)(deps, actor, ...rest)]),
  ) as Bound<T>;
}

/** The administration services bound to their dependencies, as the API decorates them. */
export function createAdminConfig(deps: AdminDeps) {
  const { MAX_PREVIEW_DAYS: _max, ...hours } = openingHours;
  return {
    locations: bind(deps, locations),
    services: bind(deps, services),
    counters: bind(deps, counters),
    openingHours: bind(deps, hours),
    closures: bind(deps, closures),
    holidays: bind(deps, holidays),
    emergency: bind(deps, emergency),
    tenant: bind(deps, tenant),
    overview: bind(deps, overview),
    platform: bind(deps, platform),
  };
}
export type AdminConfig = ReturnType<typeof createAdminConfig>;
