import type { Lang } from '@termin/ui/i18n';

declare global {
  namespace App {
    interface Locals {
      lang: Lang;
    }
  }
}

export {};
