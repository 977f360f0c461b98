import type { DemoSeedContext } from '../../platform/module';
import { SYSTEM_ACTOR } from '../../platform/system-actor';
import * as identityRepo from '../../platform/identity/identity.repo';
import { demoPlaces } from '../accounts/accounts.seed';
import { volunteerTeamMembers, volunteerTeams, volunteers } from './volunteers.tables';

const TEAMS = [
  { name: '党员先锋服务队', colour: 'red', description: '党员带头，帮扶困难群众' },
  { name: '巾帼志愿服务队', colour: 'orange', description: '关爱老人儿童，邻里互助' },
  { name: '绿色环保服务队', colour: 'green', description: '垃圾分类宣传、环境整治' },
  { name: '银发平安巡逻队', colour: 'silver', description: '退休居民夜间巡逻、安全隐患排查' },
] as const;
const SKILLS = ['理发', '家电维修', '法律咨询', '心理疏导', '书法', '摄影', '医护', '教育辅导', '驾驶', '文艺表演'];

/**
 * Teams and 16 volunteers of community A (the demo party member 张明 among them; 居民李芳 is left
 * unregistered so she can sign up herself in the demo).
 */
export async function seedDemoVolunteers({ db, services }: DemoSeedContext): Promise<void> {
  const { communityA, gridA, gridB } = await demoPlaces({ services });
  const staff = await identityRepo.findUserByUsername(db, 'staff');
  const member = await identityRepo.findUserByUsername(db, 'member');
  const resident = await identityRepo.findUserByUsername(db, 'resident');
  const memberResident = member ? await services.residents.residentIdOf(member.id, db) : undefined;
  const residentResident = resident ? await services.residents.residentIdOf(resident.id, db) : undefined;
  const adults = await services.residents.list(SYSTEM_ACTOR, { placeId: communityA.id, ageMin: 20, ageMax: 72, status: 'active', sort: 'createdAt', order: 'asc', limit: 40 });
  const picked = adults.items.filter((r) => r.id !== residentResident && r.id !== memberResident).slice(0, 15);
  const people = [...(memberResident ? [memberResident] : []), ...picked.map((r) => r.id)];
  const rows = [];
  for (const [i, id] of people.entries()) {
    const person = await services.residents.brief(id, db);
    if (!person) continue;
    rows.push({ residentId: id, name: person.name, placeId: person.placeId, placePath: person.placePath, skills: [SKILLS[i % SKILLS.length]!], availability: i % 2 === 0 ? '周末全天' : '工作日晚上', createdBy: staff?.id ?? SYSTEM_ACTOR.userId, createdAt: new Date(Date.now() - (400 - i * 3) * 86_400_000) });
  }
  if (rows.length === 0) return;
  const inserted = await db.insert(volunteers).values(rows).returning({ id: volunteers.id });
  for (const [i, team] of TEAMS.entries()) {
    const place = i < 2 ? communityA : i === 2 ? gridA : gridB;
    const members = inserted.filter((_, j) => j % TEAMS.length === i || j === 0);
    const leader = rows[members.length > 1 ? inserted.indexOf(members[1]!) : 0]!;
    const [row] = await db.insert(volunteerTeams).values({ ...team, placeId: place.id, placePath: place.path, leaderResidentId: leader.residentId, leaderName: leader.name }).returning({ id: volunteerTeams.id });
    await db.insert(volunteerTeamMembers).values(members.map((m) => ({ teamId: row!.id, volunteerId: m.id })));
  }
}
