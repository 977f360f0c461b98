import type { PlaceHooks } from '../../platform/module';
import * as membersRepo from './party-members.repo';
import * as repo from './party.repo';

export const partyPlaceHooks: PlaceHooks = {
  async rewritePaths(tx, oldPrefix, newPrefix) {
    // One at a time: `tx` may be a single connection. Members carry their org's place path (the data scope).
    await repo.rewriteOrgPaths(tx, oldPrefix, newPrefix);
    await membersRepo.rewriteMemberPaths(tx, oldPrefix, newPrefix);
  },
  async checkMove(tx, oldPrefix, newPrefix) {
    const count = await repo.countOrgsStrandedByMove(tx, oldPrefix, newPrefix);
    return count > 0 ? { label: '党组织（移动后将不在上级组织的范围内，请先调整党组织）', count } : null;
  },
  async dependents(tx, placeId) {
    const orgs = await repo.countOrgsAt(tx, placeId);
    const members = await membersRepo.countMembersAt(tx, placeId);
    return [
      { label: '党组织', count: orgs },
      { label: '党员', count: members },
    ];
  },
};
