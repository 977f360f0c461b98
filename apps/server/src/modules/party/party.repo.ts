import { and, asc, count, eq, getTableColumns, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { inTurn } from '../../db/in-turn';
import type { PartyOrgType } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { scopeCondition, type Scope } from '../../platform/access';
import { partyOrgs } from './party.tables';
import { partyMembers } from './party-members.tables';
import { orgLifeSessions } from './org-life.tables';

export type PartyOrgRow = typeof partyOrgs.$inferSelect & { childCount: number };

const childCount = sql<number>`(SELECT count(*)::int FROM party_orgs c WHERE c.parent_id = "party_orgs"."id")`;
const columns = { ...getTableColumns(partyOrgs), childCount };

export async function findOrg(db: Db, id: string): Promise<PartyOrgRow | undefined> {
  const [row] = await db.select(columns).from(partyOrgs).where(eq(partyOrgs.id, id));
  return row;
}

export interface OrgFilter {
  readonly scope: Scope;
  readonly parentId?: string | null;
  readonly type?: PartyOrgType;
  readonly placeId?: string;
  readonly afterSeq?: number;
  readonly limit: number;
}

export async function listOrgs(db: Db, filter: OrgFilter) {
  const conditions: SQL[] = [scopeCondition(filter.scope, partyOrgs.placePath)];
  if (filter.parentId === null) {
    // Top organisations of the scope: no parent, or a parent outside the scope.
    conditions.push(sql`(${partyOrgs.parentId} IS NULL OR NOT EXISTS (SELECT 1 FROM party_orgs p WHERE p.id = ${partyOrgs.parentId} AND ${scopeCondition(filter.scope, sql`p.place_path`)}))`);
  } else if (filter.parentId) conditions.push(eq(partyOrgs.parentId, filter.parentId));
  if (filter.type) conditions.push(eq(partyOrgs.type, filter.type));
  if (filter.placeId) conditions.push(eq(partyOrgs.placeId, filter.placeId));
  const where = and(...conditions);
  const [rows, [total]] = await inTurn([
    db
      .select(columns)
      .from(partyOrgs)
      .where(filter.afterSeq !== undefined ? and(where, gt(partyOrgs.seq, filter.afterSeq)) : where)
      .orderBy(asc(partyOrgs.seq))
      .limit(filter.limit + 1),
    db.select({ n: count() }).from(partyOrgs).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function insertOrg(db: Db, row: typeof partyOrgs.$inferInsert) {
  const [created] = await db.insert(partyOrgs).values(row).returning({ id: partyOrgs.id });
  return created!.id;
}

export async function updateOrg(db: Db, id: string, changes: Partial<typeof partyOrgs.$inferInsert>) {
  await db.update(partyOrgs).set({ ...changes, updatedAt: new Date() }).where(eq(partyOrgs.id, id));
}

export async function deleteOrg(db: Db, id: string) {
  await db.delete(partyOrgs).where(eq(partyOrgs.id, id));
}

export async function countOrgsAt(db: Db, placeId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(partyOrgs).where(eq(partyOrgs.placeId, placeId));
  return Number(row?.n ?? 0);
}

export async function countRootOrgs(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(partyOrgs).where(isNull(partyOrgs.parentId));
  return Number(row?.n ?? 0);
}

export async function rewriteOrgPaths(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  await db.execute(sql`
    UPDATE party_orgs SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1})
    WHERE place_path LIKE ${`${oldPrefix}%`}`);
}

export async function countOrgsUnder(db: Db, pathPrefix: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ type: partyOrgs.type, n: count() })
    .from(partyOrgs)
    .where(sql`${partyOrgs.placePath} LIKE ${`${pathPrefix}%`}`)
    .groupBy(partyOrgs.type);
  return Object.fromEntries(rows.map((r) => [`partyOrgs.${r.type}`, Number(r.n)]));
}

/**
 * Organisations inside the moved subtree whose parent organisation stays outside it and would no
 * longer contain their place after the move.
 */
export async function countOrgsStrandedByMove(db: Db, oldPrefix: string, newPrefix: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM party_orgs o JOIN party_orgs p ON p.id = o.parent_id
        WHERE o.place_path LIKE ${`${oldPrefix}%`} AND p.place_path NOT LIKE ${`${oldPrefix}%`}
          AND NOT ((${newPrefix} || substr(o.place_path, ${oldPrefix.length + 1})) LIKE p.place_path || '%')`,
  );
  return Number(row?.n ?? 0);
}

/** What still refers to one org and so blocks deleting it. */
export async function countOrgRecords(tx: Db, orgId: string): Promise<{ members: number; sessions: number }> {
  const [members] = await tx.select({ n: sql<number>`count(*)::int` }).from(partyMembers).where(eq(partyMembers.orgId, orgId));
  const [sessions] = await tx.select({ n: sql<number>`count(*)::int` }).from(orgLifeSessions).where(eq(orgLifeSessions.orgId, orgId));
  return { members: Number(members?.n ?? 0), sessions: Number(sessions?.n ?? 0) };
}
