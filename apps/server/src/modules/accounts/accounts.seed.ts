import type { Role } from '@gridwork/contracts';
import * as identityRepo from '../../platform/identity/identity.repo';
import type { DemoSeedContext } from '../../platform/module';
import { SYSTEM_ACTOR } from '../../platform/system-actor';

export const DEMO_PASSWORD = 'Gridwork@2026';

export interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** Where the role is held: a place code, or a path of names below community A. */
  readonly place: 'district' | 'communityA' | 'communityB' | 'gridA' | 'gridB' | 'householdA';
}

/** The demo accounts of the README (a contract that outside checks rely on). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: '区级管理员', role: 'district_admin', place: 'district' },
  { username: 'staff', displayName: '社区工作人员（A社区）', role: 'community_staff', place: 'communityA' },
  { username: 'staffB', displayName: '社区工作人员（B社区）', role: 'community_staff', place: 'communityB' },
  { username: 'gridA', displayName: '网格员（第一网格）', role: 'grid_worker', place: 'gridA' },
  { username: 'gridB', displayName: '网格员（第二网格）', role: 'grid_worker', place: 'gridB' },
  { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin', place: 'district' },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', place: 'district' },
  { username: 'auditor', displayName: '审计员', role: 'auditor', place: 'district' },
  { username: 'member', displayName: '党员张明', role: 'party_member', place: 'gridA' },
  { username: 'resident', displayName: '居民李芳', role: 'resident', place: 'householdA' },
];

/** Community A and B: the first two communities of the first subdistrict; grids A and B: its first two grids. */
export async function demoPlaces({ services: { places } }: Pick<DemoSeedContext, 'services'>) {
  const [district] = await places.roots(SYSTEM_ACTOR);
  const first = async (parentId: string) => (await places.list(SYSTEM_ACTOR, { parentId, limit: 2 })).items;
  const [subdistrict] = await first(district!.id);
  const [communityA, communityB] = await first(subdistrict!.id);
  const [gridA, gridB] = await first(communityA!.id);
  const [smallGrid] = await first(gridA!.id);
  const [building] = await first(smallGrid!.id);
  const [householdA] = await first(building!.id);
  return { district: district!, communityA: communityA!, communityB: communityB!, gridA: gridA!, gridB: gridB!, householdA: householdA! };
}

export async function seedDemoAccounts(context: DemoSeedContext): Promise<void> {
  const { db, services } = context;
  const placesByKey = await demoPlaces(context);
  for (const account of DEMO_ACCOUNTS) {
    const place = placesByKey[account.place];
    const user = await services.identity.createUserRecord(db, {
      username: account.username,
      displayName: account.displayName,
      password: DEMO_PASSWORD,
      mustChangePassword: false,
      isDemo: true,
    });
    await identityRepo.insertAssignment(db, { userId: user.id, role: account.role, placeId: place.id, placePath: place.path });
  }
}
