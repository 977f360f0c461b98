import type { ModuleManifest } from '../../platform/module';
import { pointsRoutes } from './points.routes';
import { ledgerCheckJob, pointsExpiryJob } from './points.service';

export const pointsModule: ModuleManifest = {
  name: 'points',
  routes: pointsRoutes,
  jobs: () => [pointsExpiryJob, ledgerCheckJob],
};
