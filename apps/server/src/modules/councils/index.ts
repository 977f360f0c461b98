import type { ModuleManifest } from '../../platform/module';
import { councilsRoutes } from './councils.routes';

/** 红色议事会: for now the agenda of major matters (大事) and the council's decisions. */
export const councilsModule: ModuleManifest = {
  name: 'councils',
  routes: councilsRoutes,
};
