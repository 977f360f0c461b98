import type { Place } from '@gridwork/contracts';
import type { DemoSeedContext } from '../../platform/module';
import { SYSTEM_ACTOR } from '../../platform/system-actor';

/**
 * 街道党工委 → 社区党委 (the first of each subdistrict a 大党委) → 网格党支部 → 楼栋党小组,
 * each linked to the place it serves.
 */
export async function seedDemoPartyOrgs({ db, services: { places, party } }: DemoSeedContext): Promise<void> {
  const children = async (parentId: string): Promise<Place[]> => {
    const all: Place[] = [];
    let cursor: string | undefined;
    do {
      const page = await places.list(SYSTEM_ACTOR, { parentId, cursor, limit: 500 });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  };
  const [district] = await places.roots(SYSTEM_ACTOR);
  if (!district) return;
  for (const subdistrict of await children(district.id)) {
    const committee = await party.createSystem(db, { parentId: null, type: 'working_committee', name: `${subdistrict.name}党工委`, placeId: subdistrict.id, placePath: subdistrict.path });
    let index = 0;
    for (const community of await children(subdistrict.id)) {
      const joint = index++ === 0;
      const communityOrg = await party.createSystem(db, {
        parentId: committee,
        type: 'community_committee',
        name: `${community.name}${joint ? '大党委' : '党委'}`,
        placeId: community.id,
        placePath: community.path,
        isJointCommittee: joint,
      });
      for (const grid of await children(community.id)) {
        const branch = await party.createSystem(db, { parentId: communityOrg, type: 'branch', name: `${grid.name}党支部`, placeId: grid.id, placePath: grid.path, branchKind: 'grid' });
        const [smallGrid] = await children(grid.id);
        const [building] = smallGrid ? await children(smallGrid.id) : [];
        if (building) await party.createSystem(db, { parentId: branch, type: 'group', name: `${building.name}党小组`, placeId: building.id, placePath: building.path });
      }
    }
  }
}
