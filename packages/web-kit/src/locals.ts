import type { Lang } from '@termin/contracts';
import type { Session } from '@termin/web-auth';

/** What the kit's hooks put on `event.locals`; each app's `App.Locals` extends it. */
export interface WebLocals {
  lang: Lang;
  session?: Session | null;
  /** Signed in, but with no role that may use this app: the root layout shows the 403 page. */
  forbidden?: boolean;
}
