import type { ModuleManifest } from '../../platform/module';
import { careGroupsRoutes } from './care-groups.routes';
import { residentsExcelRoutes } from './residents-excel.routes';
import { householdsRoutes } from './households.routes';
import { residentsRoutes } from './residents.routes';
import { seedDemoResidents } from './residents.seed';

export const residentsModule: ModuleManifest = {
  name: 'residents',
  routes(app, services) {
    householdsRoutes(app, services);
    residentsRoutes(app, services);
    careGroupsRoutes(app, services);
    residentsExcelRoutes(app, services);
  },
  seedDemo: seedDemoResidents,
};
