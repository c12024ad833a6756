import type { Lang } from '@termin/ui/i18n';
import type { Session } from '@termin/web-auth';

declare global {
  namespace App {
    interface Locals {
      lang: Lang;
      session?: Session | null;
      forbidden?: boolean;
    }
  }
}

export {};
