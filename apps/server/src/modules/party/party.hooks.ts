import type { PlaceHooks } from '../../platform/module';
import * as repo from './party.repo';

export const partyPlaceHooks: PlaceHooks = {
  rewritePaths: (tx, oldPrefix, newPrefix) => repo.rewriteOrgPaths(tx, oldPrefix, newPrefix),
  async dependents(tx, placeId) {
    return [{ label: '党组织', count: await repo.countOrgsAt(tx, placeId) }];
  },
};
