import { asc, inArray, sql } from 'drizzle-orm';
import { demoPlaces } from '../accounts/accounts.seed';
import * as identityRepo from '../../platform/identity/identity.repo';
import type { DemoSeedContext } from '../../platform/module';
import { memberScoreEntries, memberScoreItems } from './member-scores.tables';
import { scoreYearOf } from './member-scores.rules';
import { partyMembers } from './party-members.tables';

const DAY_MS = 86_400_000;

/** Manual entries as the demo shows them: [item code, reason, days ago, approved?]. The automatic ones come from the other features' seeds. */
const ENTRIES: readonly (readonly [string, string, number, boolean])[][] = [
  [
    ['commendation', '汛期连续三晚参加社区防汛值守，受到街道党工委通报表扬', 40, true],
    ['pioneer-deed', '暴雨夜带头转移低洼地带独居老人 4 名', 12, false],
  ],
  [['pioneer-deed', '主动承担小区疫苗接种点秩序维护', 30, true]],
  [['commendation', '调解邻里漏水纠纷，双方送来感谢信', 20, false]],
];

/**
 * 党员积分 demo: manual entries of community A's members, entered by the district admin (so community
 * A's staff can approve the pending ones) and one by the staff themselves (which they may not approve).
 */
export async function seedDemoMemberScores({ db, services }: DemoSeedContext): Promise<void> {
  const { communityA } = await demoPlaces({ services });
  const admin = await identityRepo.findUserByUsername(db, 'admin');
  const staff = await identityRepo.findUserByUsername(db, 'staff');
  if (!admin || !staff) return;
  const members = await db
    .select()
    .from(partyMembers)
    .where(sql`${partyMembers.placePath} LIKE ${`${communityA.path}%`}`)
    .orderBy(asc(partyMembers.seq))
    .limit(ENTRIES.length);
  if (members.length === 0) return;
  const items = await db.select().from(memberScoreItems).where(inArray(memberScoreItems.code, ['commendation', 'pioneer-deed']));
  const itemOf = new Map(items.map((i) => [i.code, i]));
  const now = Date.now();
  const rows: (typeof memberScoreEntries.$inferInsert)[] = [];
  members.forEach((member, index) => {
    for (const [code, reason, daysAgo, approved] of ENTRIES[index]!) {
      const item = itemOf.get(code);
      if (!item) continue;
      const occurredAt = new Date(now - daysAgo * DAY_MS);
      rows.push({
        memberId: member.id,
        orgId: member.orgId,
        placePath: member.placePath,
        itemId: item.id,
        dimension: item.dimension,
        points: item.points,
        year: scoreYearOf(occurredAt),
        sourceType: 'manual',
        reason,
        status: approved ? 'approved' : 'pending',
        enteredBy: admin.id,
        approvedBy: approved ? staff.id : null,
        decidedAt: approved ? new Date(occurredAt.getTime() + DAY_MS) : null,
        occurredAt,
      });
    }
  });
  const first = members[0]!;
  const ownItem = itemOf.get('pioneer-deed');
  if (ownItem) {
    const occurredAt = new Date(now - 3 * DAY_MS);
    rows.push({ memberId: first.id, orgId: first.orgId, placePath: first.placePath, itemId: ownItem.id, dimension: ownItem.dimension, points: 2, year: scoreYearOf(occurredAt), sourceType: 'manual', reason: '组织党员志愿者清理楼道堆积物', status: 'pending', enteredBy: staff.id, occurredAt });
  }
  if (rows.length > 0) await db.insert(memberScoreEntries).values(rows);
}
