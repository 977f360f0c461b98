import { checkDigitOf, type Gender, type Relation, type ResidenceType } from '@gridwork/contracts';
import { seededRandom, type SeededRandom } from '../../platform/seeded-random';
import { DEMO_DISTRICT_CODE } from '../places/places.seed';
import { demoPlaces } from '../accounts/accounts.seed';
import * as identityRepo from '../../platform/identity/identity.repo';
import type { DemoSeedContext } from '../../platform/module';
import * as repo from './residents.repo';
import { nameTokens } from './residents.search';
import { addDays, todayIso } from './residents.views';

/** The configurable care groups a new install starts with. */
export const DEFAULT_CARE_GROUP_TYPES: repo.CareGroupTypeRow[] = [
  { code: 'elderly_60', name: '60岁以上老人', nameEn: 'Aged 60+', hasGrade: false, visitIntervalDays: null, active: true, sortOrder: 10 },
  { code: 'living_alone', name: '独居/空巢老人', nameEn: 'Elderly living alone', hasGrade: false, visitIntervalDays: 7, active: true, sortOrder: 20 },
  { code: 'disabled', name: '残疾人', nameEn: 'Disabled', hasGrade: true, visitIntervalDays: 30, active: true, sortOrder: 30 },
  { code: 'low_income', name: '低保/困难', nameEn: 'Low income', hasGrade: false, visitIntervalDays: 30, active: true, sortOrder: 40 },
  { code: 'left_behind_child', name: '留守儿童', nameEn: 'Left-behind child', hasGrade: false, visitIntervalDays: 14, active: true, sortOrder: 50 },
  { code: 'veteran', name: '退役军人', nameEn: 'Veteran', hasGrade: false, visitIntervalDays: null, active: true, sortOrder: 60 },
  { code: 'serious_illness', name: '大病/重病', nameEn: 'Serious illness', hasGrade: false, visitIntervalDays: 14, active: true, sortOrder: 70 },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万钱严武戴孔汤';
const MALE = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆建国志文海峰晨阳林东博德成兵亮龙坤铭轩睿';
const FEMALE = '芳娜敏静丽艳娟霞秀英慧燕玲桂红梅琳雪婷颖倩琴云莉萍洁佳欣怡晶蕾丹媛雅悦涵萱彤诗梦';
const OCCUPATIONS = ['工人', '教师', '个体经营', '公司职员', '司机', '医护人员', '公务员', '农民', '退休', '自由职业', '服务员', '厨师', '电工', '销售'];
const EMPLOYERS = ['淮南矿业集团', '潘集区人民医院', '潘集区实验小学', '个体', '淮南市公交公司', '本地商超', null];
const ILLNESSES = ['高血压、糖尿病，需定期随访', '脑梗后遗症，行动不便', '慢性肾病，规律透析', '肿瘤术后康复期', '冠心病，长期服药'];

interface Person {
  id: string;
  name: string;
  gender: Gender;
  age: number;
  relation: Relation;
  residenceType?: ResidenceType;
}

type Rng = SeededRandom;

function givenName(rng: Rng, gender: Gender): string {
  const chars = gender === 'male' ? MALE : FEMALE;
  return rng.chance(0.35) ? rng.pick<string>(chars) : `${rng.pick<string>(chars)}${rng.pick<string>(chars)}`;
}

function person(rng: Rng, surname: string, gender: Gender, age: number, relation: Relation): Person {
  return { id: crypto.randomUUID(), name: `${surname}${givenName(rng, gender)}`, gender, age, relation };
}

const other = (g: Gender): Gender => (g === 'male' ? 'female' : 'male');

/** One household's members; the mix gives a plausible age pyramid and ~20% aged 60+. */
function household(rng: Rng): { members: Person[]; kind: 'family' | 'empty_nest' | 'alone' | 'left_behind' } {
  const surname = rng.pick<string>(SURNAMES);
  const roll = rng.next();
  const headGender: Gender = rng.chance(0.8) ? 'male' : 'female';
  const couple = (age: number) => [person(rng, surname, headGender, age, 'head'), person(rng, rng.pick<string>(SURNAMES), other(headGender), Math.max(20, age + rng.int(-4, 3)), 'spouse')];
  const children = (parentAge: number, count: number) =>
    Array.from({ length: count }, () => {
      const g: Gender = rng.chance(0.5) ? 'male' : 'female';
      return person(rng, surname, g, Math.max(0, parentAge - rng.int(23, 34)), 'child');
    });
  if (roll < 0.3) {
    const age = rng.int(28, 50);
    return { members: [...couple(age), ...children(age, rng.int(1, 2))], kind: 'family' };
  }
  if (roll < 0.45) {
    const age = rng.int(33, 52);
    const parents = [person(rng, surname, 'male', age + rng.int(24, 32), 'parent'), person(rng, rng.pick<string>(SURNAMES), 'female', age + rng.int(22, 30), 'parent')].slice(0, rng.int(1, 2));
    return { members: [...couple(age), ...children(age, rng.int(1, 2)), ...parents], kind: 'family' };
  }
  if (roll < 0.57) return { members: couple(rng.int(60, 84)), kind: 'empty_nest' };
  if (roll < 0.63) return { members: [person(rng, surname, rng.chance(0.6) ? 'female' : 'male', rng.int(65, 92), 'head')], kind: 'alone' };
  if (roll < 0.75) return { members: couple(rng.int(23, 34)), kind: 'family' };
  if (roll < 0.86) {
    const single = person(rng, surname, headGender, rng.int(19, 58), 'head');
    return { members: [{ ...single, residenceType: rng.chance(0.4) ? 'floating' : 'permanent' }], kind: 'family' };
  }
  if (roll < 0.94) {
    const age = rng.int(55, 74);
    const grandchild = person(rng, surname, rng.chance(0.5) ? 'male' : 'female', rng.int(3, 15), 'grandchild');
    return { members: [...couple(age), grandchild], kind: 'left_behind' };
  }
  const age = rng.int(45, 62);
  return { members: [...couple(age), ...children(age, 1).map((c) => ({ ...c, age: Math.max(c.age, 18) }))], kind: 'family' };
}

/**
 * Demo residents in the demo households (about 40 % of them filled; half in the small test seed),
 * with valid GB 11643 numbers of the demo district. ID sequences stay below 800 so tests can use
 * 8xx/9xx without colliding. Household A holds the demo accounts' family (党员张明, 居民李芳).
 */
export async function seedDemoResidents({ db, services, size }: DemoSeedContext): Promise<void> {
  await repo.upsertCareGroupTypes(db, DEFAULT_CARE_GROUP_TYPES);
  const rng = seededRandom(20261122);
  const demo = await demoPlaces({ services });
  const workers: { path: string; user: Awaited<ReturnType<typeof identityRepo.findUserByUsername>> }[] = [];
  for (const key of ['gridA', 'gridB'] as const) workers.push({ path: demo[key].path, user: await identityRepo.findUserByUsername(db, key) });
  const responsibleFor = (path: string) => workers.find((w) => path.startsWith(w.path))?.user ?? null;
  const now = new Date();
  const today = todayIso(now);
  const sequences = new Map<string, number>();

  const birthDateOf = (age: number) => {
    const d = new Date(Date.UTC(now.getFullYear() - age, now.getMonth(), now.getDate()));
    d.setUTCDate(d.getUTCDate() - rng.int(1, 360));
    return d.toISOString().slice(0, 10);
  };
  const idNumberOf = (birthDate: string, gender: Gender) => {
    const next = (sequences.get(birthDate) ?? 0) + 1;
    sequences.set(birthDate, next);
    const seq = (next - 1) * 2 + (gender === 'male' ? 1 : 2);
    const first17 = `${DEMO_DISTRICT_CODE}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    return `${first17}${checkDigitOf(first17)}`;
  };

  const residentRows: repo.NewResidentRow[] = [];
  const householdRows: Parameters<typeof repo.insertHouseholdRows>[1] = [];
  const groupRows: Parameters<typeof repo.insertCareGroups>[1] = [];
  const moveRows: Parameters<typeof repo.insertMoves>[1] = [];
  const visitRows: Parameters<typeof repo.insertVisits>[1] = [];

  const fill = size === 'full' ? 0.4 : 0.5;
  const householdPlaces = [];
  let cursor: string | null = null;
  do {
    const page = await services.places.listInScope({ paths: ['/'] }, { type: 'household', cursor: cursor ?? undefined, limit: 5000 }, db);
    householdPlaces.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  // The demo accounts 党员张明 and 居民李芳 are these two residents (their own points, sign-ups, redemptions).
  const memberResidentId = crypto.randomUUID();
  const residentResidentId = crypto.randomUUID();
  for (const place of householdPlaces) {
    const isA = place.id === demo.householdA.id;
    if (!isA && !rng.chance(fill)) continue;
    const { members, kind } = isA
      ? {
          members: [
            { id: memberResidentId, name: '张明', gender: 'male' as const, age: 41, relation: 'head' as const },
            { id: residentResidentId, name: '李芳', gender: 'female' as const, age: 38, relation: 'spouse' as const },
            { id: crypto.randomUUID(), name: '张子涵', gender: 'female' as const, age: 9, relation: 'child' as const },
            { id: crypto.randomUUID(), name: '张建国', gender: 'male' as const, age: 72, relation: 'parent' as const },
          ],
          kind: 'family' as const,
        }
      : household(rng);
    const lowIncome = rng.chance(0.03);
    // Empty-nest couples who need watching (frail, far from their children) are tagged with the living-alone group.
    const emptyNestWatched = rng.chance(0.4);
    const responsible = responsibleFor(place.path);
    householdRows.push({ placeId: place.id, placePath: place.path, buildingId: place.parentId!, headResidentId: members[0]!.id, registeredAddress: null, notes: null });
    for (const m of members) {
      const birthDate = birthDateOf(m.age);
      const idNumber = idNumberOf(birthDate, m.gender);
      const hasPhone = m.age >= 18 && m.age <= 78 && rng.chance(0.65);
      const phone = hasPhone ? `1${rng.pick<string>('35789')}${String(rng.int(0, 999_999_999)).padStart(9, '0')}` : null;
      const groups: { code: string; grade?: number; visits?: boolean }[] = [];
      if (m.age >= 60) groups.push({ code: 'elderly_60' });
      if (m.age >= 60 && (kind === 'alone' || (kind === 'empty_nest' && emptyNestWatched))) groups.push({ code: 'living_alone', visits: true });
      if (rng.chance(0.02)) groups.push({ code: 'disabled', grade: rng.int(1, 4), visits: true });
      if (lowIncome && m.relation === 'head') groups.push({ code: 'low_income', visits: true });
      if (kind === 'left_behind' && m.relation === 'grandchild' && m.age < 16) groups.push({ code: 'left_behind_child', visits: true });
      if (m.gender === 'male' && m.age >= 40 && rng.chance(0.03)) groups.push({ code: 'veteran' });
      const ill = m.age >= 50 && rng.chance(0.03);
      if (ill) groups.push({ code: 'serious_illness', visits: true });
      const adult = m.age >= 18;
      residentRows.push({
        id: m.id,
        householdId: place.id,
        placeId: place.id,
        placePath: place.path,
        name: m.name,
        nameTokens: nameTokens(m.name),
        gender: m.gender,
        birthDate,
        idType: 'resident_id',
        ...services.residents.sealFields({ idType: 'resident_id', idNumber, phone, healthNotes: ill ? rng.pick(ILLNESSES) : null }),
        relationToHead: m.relation,
        residenceType: m.residenceType ?? (rng.chance(0.8) ? 'registered' : 'permanent'),
        occupation: !adult ? '学生' : m.age >= 62 ? '退休' : rng.pick(OCCUPATIONS),
        employer: adult && m.age < 62 ? rng.pick(EMPLOYERS) : null,
      });
      moveRows.push({ residentId: m.id, fromHouseholdId: null, toHouseholdId: place.id, reason: '登记', actorName: '系统' });
      for (const g of groups) {
        groupRows.push({ residentId: m.id, code: g.code, grade: g.grade ?? null, startDate: addDays(today, -rng.int(30, 2000)), placePath: place.path, responsibleUserId: g.visits ? (responsible?.id ?? null) : null });
      }
      if (groups.some((g) => g.visits) && rng.chance(0.5)) {
        const visitedAt = new Date(now.getTime() - rng.int(1, 20) * 86_400_000 - rng.int(0, 8) * 3_600_000);
        visitRows.push({
          residentId: m.id,
          placePath: place.path,
          visitedAt,
          method: rng.chance(0.8) ? 'home' : 'phone',
          visitorId: responsible?.id ?? null,
          visitorName: responsible?.displayName ?? '网格员',
          observations: rng.pick(['身体状况良好，生活能够自理', '精神状态不错，家中整洁', '近期血压偏高，已提醒按时服药', '家中暖气不热，已联系物业']),
          needsFound: rng.chance(0.3) ? rng.pick(['希望有人帮忙代购药品', '需要上门理发服务', '家中水管老化需维修']) : null,
        });
      }
    }
  }
  await repo.insertResidents(db, residentRows);
  await repo.insertHouseholdRows(db, householdRows);
  await repo.insertCareGroups(db, groupRows);
  await repo.insertMoves(db, moveRows);
  await repo.insertVisits(db, visitRows);
  for (const [username, residentId] of [['member', memberResidentId], ['resident', residentResidentId]] as const) {
    const user = await identityRepo.findUserByUsername(db, username);
    if (user) await repo.linkAccount(db, user.id, residentId);
  }
}
