import type { WebLocals } from '@termin/web-kit';

declare global {
  namespace App {
    interface Locals extends WebLocals {}
  }
}

export {};
