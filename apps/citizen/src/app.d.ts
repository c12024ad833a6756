import type { WebLocals } from '@termin/web-kit';

declare global {
  namespace App {
    interface Locals extends WebLocals {
      /** German in Leichte Sprache (src/lib/server/easy-language.ts). */
      easy: boolean;
    }
  }
}

export {};
