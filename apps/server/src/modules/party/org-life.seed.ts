import { and, eq, inArray } from 'drizzle-orm';
import { ORG_LIFE_SESSION_TYPE_LABELS, type SessionAttendanceStatus, type OrgLifeSessionType } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import type { DemoSeedContext } from '../../platform/module';
import { seededRandom, type SeededRandom } from '../../platform/seeded-random';
import { demoPlaces } from '../accounts/accounts.seed';
import { awardMemberScore } from './member-scores.award';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { COMMITTEE_POSITIONS, scoreItemOf } from './org-life.rules';
import { orgLifeAttendees, orgLifeSessions } from './org-life.tables';
import { chinaDay } from '../../platform/china-time';

const DAY_MS = 86_400_000;

const TITLES: Readonly<Record<OrgLifeSessionType, readonly string[]>> = {
  branch_general_meeting: ['学习贯彻党的二十届三中全会精神', '发展党员讨论表决', '年度组织生活会', '民主评议党员'],
  branch_committee_meeting: ['研究本月工作安排', '讨论网格民生诉求办理', '研究主题党日活动方案', '研究困难党员慰问'],
  group_meeting: ['楼栋党员碰头会', '学习党章', '讨论楼道环境整治', '收集居民意见建议'],
  party_lecture: ['书记讲党课：坚持以人民为中心', '党史专题党课', '基层治理与党员先锋作用', '廉洁文化专题党课'],
  theme_day: ['清洁家园志愿服务', '走访慰问老党员', '重温入党誓词', '政策宣讲进楼栋', '红色观影', '垃圾分类宣传'],
};

interface Plan {
  readonly orgId: string;
  readonly type: OrgLifeSessionType;
  readonly startsAt: Date;
  readonly status: 'planned' | 'held' | 'cancelled';
}

/** 09:00 (or 14:30) China time on a day of a month (`month` 1–12, day kept within every month). */
const at = (year: number, month: number, day: number, afternoon: boolean) =>
  new Date(`${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}T${afternoon ? '14:30' : '09:00'}:00+08:00`);

/**
 * The twelve months up to now for an org: monthly sessions (skipped in `gaps`, counted in months
 * back from this one), quarterly ones in the middle month of each quarter.
 */
function plansOf(random: SeededRandom, orgId: string, types: readonly OrgLifeSessionType[], now: Date, gaps: ReadonlySet<string>): Plan[] {
  const today = chinaDay(now);
  const plans: Plan[] = [];
  for (let back = 11; back >= 0; back--) {
    const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - back;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    for (const type of types) {
      const quarterly = type === 'branch_general_meeting' || type === 'party_lecture';
      if (quarterly && month % 3 !== 2) continue;
      if (gaps.has(`${type}:${back}`)) continue;
      const startsAt = at(year, month, random.int(3, 25), random.chance(0.5));
      if (startsAt.getTime() > now.getTime() - DAY_MS) continue;
      plans.push({ orgId, type, startsAt, status: 'held' });
    }
  }
  return plans;
}

function statusOf(random: SeededRandom): SessionAttendanceStatus {
  const roll = random.next();
  return roll < 0.82 ? 'present' : roll < 0.92 ? 'excused' : 'absent';
}

async function membersOf(db: Db, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  return db.select({ id: partyMembers.id, orgId: partyMembers.orgId, position: partyMembers.position }).from(partyMembers).where(inArray(partyMembers.orgId, [...orgIds]));
}

/**
 * 三会一课 · 主题党日 of the last twelve months for grid A's branch (with its group) and grid B's branch: most
 * held with attendance, a few missing so the completeness report shows gaps, one cancelled, one
 * planned for tomorrow (the reminder job tells its attendees). Bulk inserts keep it fast; only
 * the latest held sessions score, so member scores trace to real attendance.
 */
export async function seedDemoOrgLife({ db, services }: DemoSeedContext): Promise<void> {
  const { gridA, gridB } = await demoPlaces({ services });
  const branches = await db.select().from(partyOrgs).where(and(inArray(partyOrgs.placeId, [gridA.id, gridB.id]), eq(partyOrgs.type, 'branch')));
  const branchA = branches.find((b) => b.placeId === gridA.id);
  if (!branchA) return;
  const branchB = branches.find((b) => b.placeId === gridB.id);
  const groups = await db.select().from(partyOrgs).where(inArray(partyOrgs.parentId, branches.map((b) => b.id)));
  const groupA = groups.find((g) => g.parentId === branchA.id);
  const now = new Date();
  const random = seededRandom(5_003);
  const branchTypes: readonly OrgLifeSessionType[] = ['branch_general_meeting', 'branch_committee_meeting', 'party_lecture', 'theme_day'];
  const plans: Plan[] = [
    ...plansOf(random, branchA.id, branchTypes, now, new Set(['branch_committee_meeting:2', 'theme_day:4', 'branch_committee_meeting:8'])),
    ...(groupA ? plansOf(random, groupA.id, ['group_meeting'], now, new Set(['group_meeting:1', 'group_meeting:6'])) : []),
    ...(branchB ? plansOf(random, branchB.id, branchTypes, now, new Set(['branch_committee_meeting:1', 'branch_committee_meeting:3', 'branch_committee_meeting:7', 'theme_day:2', 'theme_day:5', 'branch_general_meeting:6'])) : []),
  ];
  const tomorrow = new Date(`${chinaDay(new Date(now.getTime() + DAY_MS))}T14:30:00+08:00`);
  plans.push({ orgId: branchA.id, type: 'theme_day', startsAt: tomorrow, status: 'planned' });
  plans.push({ orgId: branchA.id, type: 'party_lecture', startsAt: new Date(tomorrow.getTime() + 14 * DAY_MS), status: 'planned' });
  if (branchB) plans.push({ orgId: branchB.id, type: 'theme_day', startsAt: new Date(now.getTime() - 10 * DAY_MS), status: 'cancelled' });

  const inserted = await db
    .insert(orgLifeSessions)
    .values(
      plans.map((p) => ({
        type: p.type,
        orgId: p.orgId,
        title: random.pick(TITLES[p.type]),
        startsAt: p.startsAt,
        endsAt: new Date(p.startsAt.getTime() + (p.type === 'theme_day' ? 3 : 1.5) * 3_600_000),
        location: p.type === 'theme_day' ? '社区党群服务中心广场' : '社区党群服务中心会议室',
        status: p.status,
        cancelReason: p.status === 'cancelled' ? '台风预警，活动顺延' : null,
        minutes: p.status === 'held' ? '会议由支部书记主持。传达学习上级精神，结合网格实际讨论了下一步工作，明确了责任分工。' : null,
      })),
    )
    .returning({ id: orgLifeSessions.id, orgId: orgLifeSessions.orgId, type: orgLifeSessions.type, title: orgLifeSessions.title, startsAt: orgLifeSessions.startsAt, status: orgLifeSessions.status });

  const orgIds = [...new Set(plans.map((p) => p.orgId))];
  const members = await membersOf(db, [...orgIds, ...groups.map((g) => g.id)]);
  const underOrg = (orgId: string) => members.filter((m) => m.orgId === orgId || groups.some((g) => g.id === m.orgId && g.parentId === orgId));
  const rows: (typeof orgLifeAttendees.$inferInsert)[] = [];
  for (const session of inserted) {
    const attendees = session.type === 'branch_committee_meeting' ? members.filter((m) => m.orgId === session.orgId && m.position && (COMMITTEE_POSITIONS as readonly string[]).includes(m.position)) : underOrg(session.orgId);
    for (const m of attendees) {
      const status = session.status === 'held' ? statusOf(random) : null;
      rows.push({ sessionId: session.id, memberId: m.id, status, note: status === 'excused' ? '外出务工，已请假' : null, recordedAt: status ? session.startsAt : null });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(orgLifeAttendees).values(rows.slice(i, i + 500));

  // Scores for the latest held sessions of grid A's branch (the rest stay unscored to keep the seed quick).
  const latest = inserted.filter((s) => s.status === 'held' && s.orgId === branchA.id).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime()).slice(0, 2);
  for (const session of latest) {
    for (const row of rows.filter((r) => r.sessionId === session.id)) {
      const item = scoreItemOf(row.status ?? null);
      if (item) await awardMemberScore(db, { memberId: row.memberId, item, sourceType: 'org-life-session', sourceId: session.id, occurredAt: session.startsAt, reason: `${ORG_LIFE_SESSION_TYPE_LABELS[session.type]['zh-CN']}：${session.title}` });
    }
  }
}
