import { and, eq, sql } from 'drizzle-orm';
import type { AutoScoreItem, ScoreSource } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { partyMembers } from './party-members.tables';
import { memberScoreEntries, memberScoreItems } from './member-scores.tables';
import { scoreYearOf } from './member-scores.rules';

export interface ScoreAward {
  readonly memberId: string;
  readonly item: AutoScoreItem;
  readonly sourceType: Exclude<ScoreSource, 'manual'>;
  readonly sourceId: string;
  readonly occurredAt: Date;
  /** Required for items scored per hour (service post hours). */
  readonly hours?: number;
  /** Shown in the member's score detail, e.g. the session topic. */
  readonly reason: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Scores one automatic item for one member, in the caller's transaction. Idempotent per member,
 * item and source: a replay changes nothing, and an entry retracted earlier comes back. Inactive
 * or zero-point items score nothing. Returns the points awarded (0 when none).
 */
export async function awardMemberScore(tx: Db, award: ScoreAward): Promise<number> {
  const [item] = await tx.select().from(memberScoreItems).where(eq(memberScoreItems.code, award.item));
  if (!item || !item.active) return 0;
  const points = item.per === 'hour' ? round1(item.points * (award.hours ?? 0)) : item.points;
  if (points === 0) return 0;
  const [member] = await tx.select({ orgId: partyMembers.orgId, placePath: partyMembers.placePath }).from(partyMembers).where(eq(partyMembers.id, award.memberId));
  if (!member) return 0;
  const rows = await tx
    .insert(memberScoreEntries)
    .values({
      memberId: award.memberId,
      orgId: member.orgId,
      placePath: member.placePath,
      itemId: item.id,
      dimension: item.dimension,
      points,
      year: scoreYearOf(award.occurredAt),
      sourceType: award.sourceType,
      sourceId: award.sourceId,
      reason: award.reason,
      status: 'approved',
      occurredAt: award.occurredAt,
      decidedAt: new Date(),
    })
    .onConflictDoUpdate({
      target: [memberScoreEntries.memberId, memberScoreEntries.itemId, memberScoreEntries.sourceType, memberScoreEntries.sourceId],
      targetWhere: sql`${memberScoreEntries.sourceType} <> 'manual'`,
      set: { status: 'approved', decidedAt: new Date() },
      setWhere: sql`${memberScoreEntries.status} = 'rejected'`,
    })
    .returning({ id: memberScoreEntries.id });
  return rows.length > 0 ? points : 0;
}

/** Withdraws an automatic entry whose cause was corrected (e.g. attendance changed); the row stays, as history. */
export async function retractMemberScore(tx: Db, award: Pick<ScoreAward, 'memberId' | 'item' | 'sourceType' | 'sourceId'>): Promise<void> {
  await tx
    .update(memberScoreEntries)
    .set({ status: 'rejected', decidedAt: new Date() })
    .where(
      and(
        eq(memberScoreEntries.memberId, award.memberId),
        eq(memberScoreEntries.sourceType, award.sourceType),
        eq(memberScoreEntries.sourceId, award.sourceId),
        eq(memberScoreEntries.status, 'approved'),
        sql`${memberScoreEntries.itemId} = (select ${memberScoreItems.id} from ${memberScoreItems} where ${memberScoreItems.code} = ${award.item})`,
      ),
    );
}

/** The member record of a signed-in user, if they are one (self-service pages, other modules' events). */
export async function memberIdOfUser(tx: Db, userId: string): Promise<string | null> {
  const [row] = await tx.select({ id: partyMembers.id }).from(partyMembers).where(eq(partyMembers.userId, userId));
  return row?.id ?? null;
}
