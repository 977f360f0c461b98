import type { PlaceHooks } from '../module';
import * as repo from './identity.repo';

export const identityPlaceHooks: PlaceHooks = {
  rewritePaths: (tx, oldPrefix, newPrefix) => repo.rewriteAssignmentPaths(tx, oldPrefix, newPrefix),
  async dependents(tx, placeId) {
    return [{ label: '账号角色', count: await repo.countAssignmentsAt(tx, placeId) }];
  },
};
