import type { ModuleManifest } from '../../platform/module';
import { storeRoutes } from './store.routes';
import { seedDemoStore } from './store.seed';

export const storeModule: ModuleManifest = {
  name: 'store',
  routes: storeRoutes,
  seedDemo: seedDemoStore,
};
