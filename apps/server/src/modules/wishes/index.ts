import type { ModuleManifest } from '../../platform/module';
import { wishesRoutes } from './wishes.routes';
import { wishClaimExpiryJob } from './wishes.service';

export const wishesModule: ModuleManifest = {
  name: 'wishes',
  routes: wishesRoutes,
  jobs: (services) => [wishClaimExpiryJob(services)],
};
