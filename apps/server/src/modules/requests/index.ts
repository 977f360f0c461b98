import type { ModuleManifest } from '../../platform/module';
import { deadlineJob } from './requests.deadlines';
import { requestsRoutes } from './requests.routes';
import { seedDemoRequests } from './requests.seed';
import { foldStatsJob, totalsUnder } from './requests.stats';

export const requestsModule: ModuleManifest = {
  name: 'requests',
  routes: requestsRoutes,
  seedDemo: seedDemoRequests,
  async counters(db, placePath) {
    const totals = await totalsUnder(db, placePath);
    return { requestsReceived: totals.received, requestsResolved: totals.resolved };
  },
  jobs: (services) => [deadlineJob(services), foldStatsJob],
};
