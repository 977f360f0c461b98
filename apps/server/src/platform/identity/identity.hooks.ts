import type { PlaceHooks } from '../module';
import * as repo from './identity.repo';

export const identityPlaceHooks: PlaceHooks = {
  rewritePaths: (tx, oldPrefix, newPrefix) => repo.rewriteAssignmentPaths(tx, oldPrefix, newPrefix),
  // A role's place name is shown from the grants kept in memory: a new version drops them.
  renamed: (tx, placeId) => repo.raiseAccessVersionAt(tx, placeId),
  async dependents(tx, placeId) {
    return [{ label: '账号角色', count: await repo.countAssignmentsAt(tx, placeId) }];
  },
};
