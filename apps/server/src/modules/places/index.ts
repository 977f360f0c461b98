import type { ModuleManifest } from '../../platform/module';
import { placesRoutes } from './places.routes';
import { seedDemoPlaces } from './places.seed';

export const placesModule: ModuleManifest = {
  name: 'places',
  routes: placesRoutes,
  seedDemo: seedDemoPlaces,
};
