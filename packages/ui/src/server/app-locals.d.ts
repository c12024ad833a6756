import type { Lang } from '../i18n';

// Each app declares the same in its src/app.d.ts; this copy lets the package check on its own.
declare global {
  namespace App {
    interface Locals {
      lang: Lang;
    }
  }
}
