import type { ModuleManifest } from '../../platform/module';
import { seedDemoOpen311 } from './open311.seed';

export { open311Routes } from './open311.routes';

/**
 * Open311 GeoReport v2 lives outside /api/v1 (no session, no CSRF): app.ts registers
 * `open311Routes` at /open311/v2. The manifest only contributes the demo client key.
 */
export const open311Module: ModuleManifest = {
  name: 'open311',
  routes: () => undefined,
  seedDemo: seedDemoOpen311,
};
