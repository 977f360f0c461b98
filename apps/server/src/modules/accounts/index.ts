import type { ModuleManifest } from '../../platform/module';
import { accountsRoutes } from './accounts.routes';
import { seedDemoAccounts } from './accounts.seed';
import { countUsersUnder } from '../../platform/identity/identity.repo';

export const accountsModule: ModuleManifest = {
  name: 'accounts',
  routes: accountsRoutes,
  seedDemo: seedDemoAccounts,
  counters: async (db, path) => ({ users: await countUsersUnder(db, path) }),
};
