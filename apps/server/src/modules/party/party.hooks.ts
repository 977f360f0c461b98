import type { PlaceHooks } from '../../platform/module';
import * as repo from './party.repo';

export const partyPlaceHooks: PlaceHooks = {
  rewritePaths: (tx, oldPrefix, newPrefix) => repo.rewriteOrgPaths(tx, oldPrefix, newPrefix),
  async checkMove(tx, oldPrefix, newPrefix) {
    const count = await repo.countOrgsStrandedByMove(tx, oldPrefix, newPrefix);
    return count > 0 ? { label: '党组织（移动后将不在上级组织的范围内，请先调整党组织）', count } : null;
  },
  async dependents(tx, placeId) {
    return [{ label: '党组织', count: await repo.countOrgsAt(tx, placeId) }];
  },
};
