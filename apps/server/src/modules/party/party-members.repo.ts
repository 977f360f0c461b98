import { and, asc, count, desc, eq, getTableColumns, gt, ilike, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { MemberStatus, MemberType } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { inTurn } from '../../db/in-turn';
import { queryRows } from '../../db/sql';
import { scopeCondition, type Scope } from '../../platform/access';
import { partyMemberTransfers, partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';

export type PartyMemberRow = typeof partyMembers.$inferSelect & { orgName: string | null };
export type NewPartyMemberRow = typeof partyMembers.$inferInsert;

const columns = { ...getTableColumns(partyMembers), orgName: partyOrgs.name };

/** The ids of an org and every org under it (the tree is shallow: committee → branch → group). */
export function orgSubtree(orgIds: readonly string[]): SQL {
  const roots = sql.join(orgIds.map((id) => sql`${id}::uuid`), sql`, `);
  return sql`(WITH RECURSIVE sub(id) AS (SELECT id FROM party_orgs WHERE id IN (${roots}) UNION ALL SELECT c.id FROM party_orgs c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)`;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findMember(db: Db, id: string): Promise<PartyMemberRow | undefined> {
  const [row] = await db.select(columns).from(partyMembers).leftJoin(partyOrgs, eq(partyOrgs.id, partyMembers.orgId)).where(eq(partyMembers.id, id));
  return row;
}

export async function findMemberWhere(db: Db, condition: SQL): Promise<PartyMemberRow | undefined> {
  const [row] = await db.select(columns).from(partyMembers).leftJoin(partyOrgs, eq(partyOrgs.id, partyMembers.orgId)).where(condition).limit(1);
  return row;
}

export interface MemberFilter {
  readonly scope: Scope;
  readonly orgId?: string;
  readonly type?: MemberType;
  readonly status?: MemberStatus;
  readonly q?: string;
  readonly afterSeq?: number;
  readonly limit: number;
}

export async function listMembers(db: Db, filter: MemberFilter) {
  const conditions: SQL[] = [scopeCondition(filter.scope, partyMembers.placePath)];
  if (filter.orgId) conditions.push(sql`${partyMembers.orgId} IN ${orgSubtree([filter.orgId])}`);
  if (filter.type) conditions.push(eq(partyMembers.type, filter.type));
  if (filter.status) conditions.push(eq(partyMembers.status, filter.status));
  if (filter.q) conditions.push(ilike(partyMembers.name, `%${escapeLike(filter.q)}%`));
  const where = and(...conditions);
  const [rows, [total]] = await inTurn([
    db
      .select(columns)
      .from(partyMembers)
      .leftJoin(partyOrgs, eq(partyOrgs.id, partyMembers.orgId))
      .where(filter.afterSeq !== undefined ? and(where, gt(partyMembers.seq, filter.afterSeq)) : where)
      .orderBy(asc(partyMembers.seq))
      .limit(filter.limit + 1),
    db.select({ n: count() }).from(partyMembers).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function insertMember(db: Db, row: NewPartyMemberRow): Promise<string> {
  const [created] = await db.insert(partyMembers).values(row).returning({ id: partyMembers.id });
  return created!.id;
}

export async function updateMember(db: Db, id: string, changes: Partial<NewPartyMemberRow>): Promise<void> {
  await db.update(partyMembers).set({ ...changes, updatedAt: new Date() }).where(eq(partyMembers.id, id));
}

export async function transfersOf(db: Db, memberId: string) {
  return db.select().from(partyMemberTransfers).where(eq(partyMemberTransfers.memberId, memberId)).orderBy(desc(partyMemberTransfers.transferredOn), desc(partyMemberTransfers.createdAt));
}

export async function insertTransfer(db: Db, row: typeof partyMemberTransfers.$inferInsert) {
  const [created] = await db.insert(partyMemberTransfers).values(row).returning();
  return created!;
}

/** Record changes of a member as the audit log holds them (creation, edits, transfers), oldest first. */
export async function auditTrailOf(db: Db, memberId: string) {
  return queryRows<{ at: Date | string; action: string; actor_name: string | null; before: unknown; after: unknown }>(
    db,
    sql`SELECT at, action, actor_name, before, after FROM audit_log WHERE entity_type = 'party-member' AND entity_id = ${memberId} ORDER BY id`,
  );
}

/** Members of each org counted with the members of its sub-orgs. */
export async function memberCounts(db: Db, orgIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
  if (orgIds.length === 0) return new Map();
  const roots = sql.join(orgIds.map((id) => sql`${id}::uuid`), sql`, `);
  const rows = await queryRows<{ root: string; n: number }>(
    db,
    sql`WITH RECURSIVE tree(root, id) AS (
          SELECT id, id FROM party_orgs WHERE id IN (${roots})
          UNION ALL SELECT tree.root, c.id FROM party_orgs c JOIN tree ON c.parent_id = tree.id)
        SELECT tree.root::text AS root, count(m.id)::int AS n FROM tree JOIN party_members m ON m.org_id = tree.id GROUP BY tree.root`,
  );
  return new Map(rows.map((r) => [r.root, Number(r.n)]));
}

/** For other party features: the members of these orgs and of their sub-orgs. */
export async function membersOfOrgs(db: Db, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  return db
    .select({ id: partyMembers.id, name: partyMembers.name, orgId: partyMembers.orgId, userId: partyMembers.userId, residentId: partyMembers.residentId, status: partyMembers.status, type: partyMembers.type, position: partyMembers.position, placePath: partyMembers.placePath })
    .from(partyMembers)
    .where(sql`${partyMembers.orgId} IN ${orgSubtree(orgIds)}`)
    .orderBy(asc(partyMembers.seq));
}

/** Members with a probationary date in `month` (1–12) who joined before `year`, in orgs of this tree. */
export async function membersWithAnniversaryIn(db: Db, month: number, year: number, condition: SQL = sql`true`) {
  return db
    .select({ id: partyMembers.id, name: partyMembers.name, orgId: partyMembers.orgId, orgName: partyOrgs.name, probationaryOn: partyMembers.probationaryOn })
    .from(partyMembers)
    .leftJoin(partyOrgs, eq(partyOrgs.id, partyMembers.orgId))
    .where(
      and(
        isNotNull(partyMembers.probationaryOn),
        sql`EXTRACT(MONTH FROM ${partyMembers.probationaryOn}) = ${month}`,
        sql`EXTRACT(YEAR FROM ${partyMembers.probationaryOn}) < ${year}`,
        condition,
      ),
    )
    .orderBy(sql`EXTRACT(DAY FROM ${partyMembers.probationaryOn})`, asc(partyMembers.name));
}

/** Secretaries with an account, by org: they receive their org's reminders. */
export async function secretariesByOrg(db: Db): Promise<ReadonlyMap<string, readonly string[]>> {
  const rows = await db
    .select({ orgId: partyMembers.orgId, userId: partyMembers.userId })
    .from(partyMembers)
    .where(and(eq(partyMembers.position, 'secretary'), isNotNull(partyMembers.userId), isNotNull(partyMembers.orgId)));
  const byOrg = new Map<string, string[]>();
  for (const r of rows) byOrg.set(r.orgId!, [...(byOrg.get(r.orgId!) ?? []), r.userId!]);
  return byOrg;
}

/** Every org's parent: the job walks up from a group to its branch when the group has no secretary. */
export async function orgParents(db: Db): Promise<ReadonlyMap<string, string | null>> {
  const rows = await db.select({ id: partyOrgs.id, parentId: partyOrgs.parentId }).from(partyOrgs);
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

export async function rewriteMemberPaths(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  await db.execute(sql`
    UPDATE party_members SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1})
    WHERE place_path LIKE ${`${escapeLike(oldPrefix)}%`}`);
}

export async function countMembersAt(db: Db, placeId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(partyMembers).where(eq(partyMembers.placeId, placeId));
  return Number(row?.n ?? 0);
}
