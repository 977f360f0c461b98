import type { PlaceHooks } from '../../platform/module';
import * as repo from './requests.repo';

/** Requests, their photos and statistics carry grid paths. */
export const requestsPlaceHooks: PlaceHooks = {
  rewritePaths: (tx, oldPrefix, newPrefix) => repo.rewritePaths(tx, oldPrefix, newPrefix),
  async dependents(tx, placeId) {
    return [{ label: '诉求', count: await repo.countAt(tx, placeId) }];
  },
};
