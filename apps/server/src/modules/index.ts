import type { ModuleManifest } from '../platform/module';
import { accountsModule } from './accounts';
import { partyMembersModule, partyModule } from './party';
import { placesModule } from './places';
import { residentsModule } from './residents';
import { requestsModule } from './requests';
import { open311Module } from './open311';
import { councilsModule } from './councils';
import { wishesModule } from './wishes';
import { volunteersModule } from './volunteers';
import { eventsModule } from './events';
import { pointsModule } from './points';
import { storeModule } from './store';

/** Every module, in dependency order (seeds run in this order). */
export const MODULES: readonly ModuleManifest[] = [placesModule, partyModule, accountsModule, residentsModule, pointsModule, requestsModule, councilsModule, open311Module, wishesModule, volunteersModule, eventsModule, storeModule, partyMembersModule];
