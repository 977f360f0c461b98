import type { ModuleManifest } from '../../platform/module';
import { partyRoutes } from './party.routes';
import { seedDemoPartyOrgs } from './party.seed';
import { countOrgsUnder } from './party.repo';

export const partyModule: ModuleManifest = {
  name: 'party',
  routes: partyRoutes,
  seedDemo: seedDemoPartyOrgs,
  counters: countOrgsUnder,
};
