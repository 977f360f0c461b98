import type { ModuleManifest } from '../../platform/module';
import { placesRoutes } from './places.routes';
import { seedDemoPlaces } from './places.seed';
import { countByTypeUnder } from './places.repo';

export const placesModule: ModuleManifest = {
  name: 'places',
  routes: placesRoutes,
  seedDemo: seedDemoPlaces,
  counters: countByTypeUnder,
};
