import type { PlaceHooks } from '../../platform/module';
import * as repo from './residents.repo';

/** Households, residents, care-group memberships and visits carry the path of their place. */
export const residentsPlaceHooks: PlaceHooks = {
  rewritePaths: (tx, oldPrefix, newPrefix) => repo.rewritePaths(tx, oldPrefix, newPrefix),
  async dependents(tx, placeId) {
    const counts = await repo.countAtPlace(tx, placeId);
    return [
      { label: '居民', count: counts.residents },
      { label: '户信息', count: counts.households },
    ];
  },
};
