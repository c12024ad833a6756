import type { WebLocals } from './locals';

// Each app declares the same in its src/app.d.ts; this copy lets the package check on its own.
declare global {
  namespace App {
    interface Locals extends WebLocals {}
  }
}
