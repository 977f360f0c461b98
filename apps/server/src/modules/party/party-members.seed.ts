import { and, eq } from 'drizzle-orm';
import { type MemberPosition, type MemberStatus, type MemberType, type Resident } from '@gridwork/contracts';
import { demoPlaces } from '../accounts/accounts.seed';
import * as identityRepo from '../../platform/identity/identity.repo';
import type { DemoSeedContext } from '../../platform/module';
import { seededRandom, type SeededRandom } from '../../platform/seeded-random';
import { SYSTEM_ACTOR } from '../../platform/system-actor';
import type { NewPartyMemberRow } from './party-members.repo';
import { comingMonth } from './party-members.rules';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { chinaDay } from '../../platform/china-time';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['建华', '秀英', '志强', '桂兰', '国庆', '丽娟', '海涛', '文静', '德明', '春梅', '永红', '卫东', '晓燕', '振国', '玉兰', '立新'];
const EMPLOYERS = ['潘集区人民医院', '淮南市第二中学', '国网潘集供电公司', '潘集区税务局', '淮河能源集团', '潘集区市场监管局', '中国银行潘集支行'];
const WHEREABOUTS = ['江苏省苏州市', '浙江省宁波市', '上海市浦东新区', '广东省深圳市', '合肥市蜀山区'];

type PersonFields = Pick<NewPartyMemberRow, 'residentId' | 'name' | 'gender' | 'phoneEnc' | 'phoneMasked'>;

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace(/-02-29$/, '-02-28');
const addMonths = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

/** Stage dates in order, none in the future; `anniversaryMonth` (`YYYY-MM`) pins the admission month. */
function stagesFor(rng: SeededRandom, status: MemberStatus, type: MemberType, today: string, anniversaryMonth?: string) {
  const thisYear = Number(today.slice(0, 4));
  const year = status === 'probationary' ? thisYear - 1 : type === 'retired' || type === 'housebound' ? rng.int(1965, 1995) : rng.int(1996, thisYear - 3);
  const month = anniversaryMonth ? Number(anniversaryMonth.slice(5, 7)) : rng.int(1, 12);
  let probationaryOn = `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  // A probationary member was admitted within the last year, and never in the future.
  if (probationaryOn > today) probationaryOn = addMonths(today, -rng.int(2, 10));
  const candidateOn = addMonths(probationaryOn, -rng.int(10, 14));
  const activistOn = addMonths(candidateOn, -rng.int(11, 18));
  const appliedOn = addMonths(activistOn, -rng.int(3, 8));
  return { appliedOn, activistOn, candidateOn, probationaryOn, fullOn: status === 'full' ? addYears(probationaryOn, 1) : null };
}

function typeFor(rng: SeededRandom, age: number | null): MemberType {
  if (age !== null && age >= 80) return rng.chance(0.5) ? 'housebound' : 'retired';
  if (age !== null && age >= 60) return 'retired';
  const roll = rng.next();
  return roll < 0.55 ? 'resident' : roll < 0.8 ? 'in_service' : roll < 0.92 ? 'mobile' : 'retired';
}

/**
 * 党员: 张明 (the demo `member` account) is a full member and the secretary of grid A's branch; every
 * other grid branch gets 8–15 members (most of them residents of its grid, linked to their register
 * entry; some entered by name and phone), a secretary and a committee member, and each building
 * group a few of the branch's members with a group leader. One member per branch has their party
 * anniversary in the coming month. 居民李芳 stays out: she enrols as an in-service member in a test.
 */
export async function seedDemoPartyMembers({ db, services, size }: DemoSeedContext): Promise<void> {
  const { gridA } = await demoPlaces({ services });
  const [branch] = await db.select().from(partyOrgs).where(and(eq(partyOrgs.placeId, gridA.id), eq(partyOrgs.type, 'branch')));
  const user = await identityRepo.findUserByUsername(db, 'member');
  if (!branch || !user) return;
  const residentId = await services.residents.residentIdOf(user.id, db);
  const person = residentId ? await services.residents.brief(residentId, db) : null;
  await db.insert(partyMembers).values({
    orgId: branch.id,
    placeId: branch.placeId,
    placePath: branch.placePath,
    residentId,
    userId: user.id,
    name: person?.name ?? '张明',
    gender: 'male',
    status: 'full',
    type: 'resident',
    position: 'secretary',
    appliedOn: '2008-03-12',
    activistOn: '2008-09-01',
    candidateOn: '2009-05-20',
    probationaryOn: '2009-07-01',
    fullOn: '2010-07-01',
  });

  const lifang = await identityRepo.findUserByUsername(db, 'resident');
  const excluded = new Set([residentId, lifang ? await services.residents.residentIdOf(lifang.id, db) : undefined].filter((id): id is string => Boolean(id)));
  const rng = seededRandom(20261205);
  const today = chinaDay();
  const anniversaryMonth = comingMonth(today);
  const orgs = await db.select().from(partyOrgs);
  const rows: NewPartyMemberRow[] = [];

  for (const org of orgs.filter((o) => o.type === 'branch')) {
    const groups = orgs.filter((o) => o.parentId === org.id && o.type === 'group');
    const isGridA = org.id === branch.id;
    const residents = (
      await services.residents.list(SYSTEM_ACTOR, { placeId: org.placeId, ageMin: 24, ageMax: 88, status: 'active', sort: 'createdAt', order: 'asc', limit: size === 'full' ? 60 : 40 })
    ).items.filter((r) => !excluded.has(r.id));
    const count = rng.int(8, 15) - (isGridA ? 1 : 0);
    const linked: Resident[] = residents.filter(() => rng.chance(0.7)).slice(0, Math.round(count * 0.75));
    for (let i = 0; i < count; i++) {
      const resident = linked[i];
      const age = resident ? resident.age : rng.int(30, 75);
      const type = typeFor(rng, age);
      const status: MemberStatus = i > 1 && rng.chance(0.15) ? 'probationary' : 'full';
      const phone = `1${rng.pick<string>('3589')}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
      const fields: PersonFields = resident
        ? { residentId: resident.id, name: resident.name, gender: resident.gender, phoneEnc: null, phoneMasked: resident.phone }
        : { residentId: null, name: `${rng.pick<string>(SURNAMES)}${rng.pick(GIVEN)}`, gender: rng.chance(0.5) ? 'male' : 'female', ...services.partyMembers.sealPhone(phone) };
      // Grid A's branch already has 张明 as its secretary.
      const position: MemberPosition | null = i === 0 && !isGridA ? 'secretary' : i === 1 ? 'committee_member' : null;
      const group = groups.length > 0 && i >= count - 3 ? groups[i % groups.length]! : undefined;
      const memberOrg = group ?? org;
      rows.push({
        orgId: memberOrg.id,
        placeId: memberOrg.placeId,
        placePath: memberOrg.placePath,
        userId: null,
        ...fields,
        status,
        type,
        position: group && i === count - 1 ? 'group_leader' : group ? null : position,
        ...stagesFor(rng, status, type, today, i === 2 ? anniversaryMonth : undefined),
        employer: type === 'in_service' ? (resident?.employer ?? rng.pick(EMPLOYERS)) : null,
        homeOrgName: null,
        mobileWhereabouts: type === 'mobile' ? rng.pick(WHEREABOUTS) : null,
        mobileContact: type === 'mobile' ? `微信 ${fields.name}（${fields.phoneMasked ?? '电话未登记'}）` : null,
        createdAt: new Date(Date.now() - rng.int(30, 900) * 86_400_000),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(partyMembers).values(rows.slice(i, i + 500));
}
