import type { ModuleManifest } from '../platform/module';
import { accountsModule } from './accounts';
import { partyModule } from './party';
import { placesModule } from './places';
import { residentsModule } from './residents';

/** Every module, in dependency order (seeds run in this order). */
export const MODULES: readonly ModuleManifest[] = [placesModule, partyModule, accountsModule, residentsModule];
