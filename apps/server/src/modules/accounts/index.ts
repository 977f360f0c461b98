import type { ModuleManifest } from '../../platform/module';
import { accountsRoutes } from './accounts.routes';
import { seedDemoAccounts } from './accounts.seed';

export const accountsModule: ModuleManifest = {
  name: 'accounts',
  routes: accountsRoutes,
  seedDemo: seedDemoAccounts,
};
