import { and, asc, count, desc, eq, getTableColumns, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { inTurn } from '../../db/in-turn';
import type { ResidentStatus } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { scopeCondition, type Scope } from '../../platform/access';
import { users } from '../../platform/identity/identity.tables';
import { careGroupTypes, households, residentAccounts, residentCareGroups, residentMoves, residents, visits } from './residents.tables';

export type ResidentRow = typeof residents.$inferSelect;
export type NewResidentRow = typeof residents.$inferInsert;
export type CareGroupTypeRow = typeof careGroupTypes.$inferSelect;
export type CareGroupRow = typeof residentCareGroups.$inferSelect;
export type VisitRow = typeof visits.$inferSelect;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const underPath = (column: SQL | typeof residents.placePath, prefix: string) => sql`${column} LIKE ${`${escapeLike(prefix)}%`}`;

/** Care groups a resident is in on `today` (YYYY-MM-DD). */
const activeMembership = (today: string) =>
  sql`(g.start_date IS NULL OR g.start_date <= ${today}::date) AND (g.end_date IS NULL OR g.end_date >= ${today}::date)`;

const careGroupCodes = (today: string) =>
  sql<string[]>`ARRAY(SELECT g.code FROM resident_care_groups g WHERE g.resident_id = "residents"."id" AND ${activeMembership(today)} ORDER BY g.code)`;

const residentColumns = (today: string) => ({
  ...getTableColumns(residents),
  careGroups: careGroupCodes(today),
  createdKey: sql<string>`${residents.createdAt}::text`,
});

export type ResidentListRow = ResidentRow & { careGroups: string[]; createdKey: string };

export async function findResident(db: Db, id: string, today: string): Promise<ResidentListRow | undefined> {
  const [row] = await db.select(residentColumns(today)).from(residents).where(eq(residents.id, id));
  return row;
}

export async function findResidentsByIds(db: Db, ids: readonly string[], today: string): Promise<ResidentListRow[]> {
  if (ids.length === 0) return [];
  return db.select(residentColumns(today)).from(residents).where(inArray(residents.id, [...ids]));
}

/** The live record holding this ID-number index, if any (anonymised records hold none). */
export async function findByIdIndex(db: Db, idNumberIndex: string): Promise<ResidentRow | undefined> {
  const [row] = await db.select().from(residents).where(and(eq(residents.idNumberIndex, idNumberIndex), ne(residents.status, 'anonymised')));
  return row;
}

export type ResidentSortKey = 'name' | 'birthDate' | 'createdAt';

export interface ResidentFilter {
  readonly scope: Scope;
  readonly today: string;
  readonly pathPrefix?: string;
  readonly nameTokens?: readonly string[];
  readonly nameLike?: string;
  readonly idIndexes?: readonly string[];
  readonly phoneIndex?: string;
  readonly careGroup?: string;
  readonly birthAfter?: string;
  readonly birthOnOrBefore?: string;
  readonly status?: ResidentStatus;
  readonly sort: ResidentSortKey;
  readonly order: 'asc' | 'desc';
  readonly after?: readonly [string, string];
  readonly limit: number;
}

function residentConditions(filter: Omit<ResidentFilter, 'sort' | 'order' | 'after' | 'limit'>): SQL[] {
  const conditions: SQL[] = [scopeCondition(filter.scope, residents.placePath)];
  if (filter.pathPrefix) conditions.push(underPath(residents.placePath, filter.pathPrefix));
  if (filter.nameTokens && filter.nameTokens.length > 0) conditions.push(sql`${residents.nameTokens} @> ARRAY[${sql.join(filter.nameTokens.map((t) => sql`${t}`), sql`, `)}]::text[]`);
  if (filter.nameLike) conditions.push(sql`${residents.name} LIKE ${`%${escapeLike(filter.nameLike)}%`}`);
  if (filter.idIndexes) conditions.push(inArray(residents.idNumberIndex, [...filter.idIndexes]));
  if (filter.phoneIndex) conditions.push(eq(residents.phoneIndex, filter.phoneIndex));
  if (filter.careGroup) {
    conditions.push(sql`EXISTS (SELECT 1 FROM resident_care_groups g WHERE g.resident_id = "residents"."id" AND g.code = ${filter.careGroup} AND ${activeMembership(filter.today)})`);
  }
  if (filter.birthAfter) conditions.push(sql`${residents.birthDate} > ${filter.birthAfter}::date`);
  if (filter.birthOnOrBefore) conditions.push(sql`${residents.birthDate} <= ${filter.birthOnOrBefore}::date`);
  conditions.push(filter.status ? eq(residents.status, filter.status) : ne(residents.status, 'anonymised'));
  return conditions;
}

const SORT_COLUMNS = {
  name: { column: residents.name, cast: sql`` },
  birthDate: { column: residents.birthDate, cast: sql`::date` },
  createdAt: { column: residents.createdAt, cast: sql`::timestamptz` },
} as const;

export async function listResidents(db: Db, filter: ResidentFilter): Promise<{ rows: ResidentListRow[]; total: number | undefined }> {
  const where = and(...residentConditions(filter));
  const { column, cast } = SORT_COLUMNS[filter.sort];
  const direction = filter.order === 'asc' ? sql`>` : sql`<`;
  const by = filter.order === 'asc' ? asc : desc;
  // One scan of the matches serves the page and the (capped) total: the CTE is read twice, so
  // PostgreSQL materialises it once, and only the page's rows are read in full.
  const matches = db.$with('matches').as(db.select({ id: residents.id, key: sql`${column}`.as('key') }).from(residents).where(where));
  const after = filter.after ? sql`(${matches.key}, ${matches.id}) ${direction} (${filter.after[0]}${cast}, ${filter.after[1]}::uuid)` : undefined;
  const page = db.$with('page').as(db.select({ id: matches.id }).from(matches).where(after).orderBy(by(matches.key), by(matches.id)).limit(filter.limit + 1));
  // Counting every match of a common name would cost more than the page itself: stop at the cap.
  const capped = sql<number>`(SELECT count(*)::int FROM (SELECT 1 FROM matches LIMIT ${TOTAL_CAP + 1}) capped)`;
  const found = await db
    .with(matches, page)
    .select({ ...residentColumns(filter.today), total: capped })
    .from(residents)
    .innerJoin(page, eq(page.id, residents.id))
    .orderBy(by(column), by(residents.id));
  let n: number;
  if (found.length > 0) n = Number(found[0]!.total);
  else {
    const [counted] = await db.select({ n: count() }).from(db.select({ one: sql`1` }).from(residents).where(where).limit(TOTAL_CAP + 1).as('capped'));
    n = Number(counted?.n ?? 0);
  }
  const rows = found.map(({ total: _total, ...row }) => row);
  return { rows, total: n > TOTAL_CAP ? undefined : n };
}

/** Lists report a total only up to this many matches ("a total where cheap"). */
export const TOTAL_CAP = 10_000;

export async function insertResident(db: Db, row: NewResidentRow): Promise<string> {
  const [created] = await db.insert(residents).values(row).returning({ id: residents.id });
  return created!.id;
}

export async function insertResidents(db: Db, rows: NewResidentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(residents).values(rows.slice(i, i + 500));
}

export async function updateResident(db: Db, id: string, changes: Partial<NewResidentRow>): Promise<void> {
  await db.update(residents).set({ ...changes, updatedAt: new Date() }).where(eq(residents.id, id));
}

/** Members of a household who still live there. */
export async function countActiveMembers(db: Db, householdId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(residents).where(and(eq(residents.householdId, householdId), eq(residents.status, 'active')));
  return Number(row?.n ?? 0);
}

// ——— care groups ———

export async function listCareGroupTypes(db: Db): Promise<CareGroupTypeRow[]> {
  return db.select().from(careGroupTypes).orderBy(asc(careGroupTypes.sortOrder), asc(careGroupTypes.code));
}

export async function upsertCareGroupTypes(db: Db, rows: CareGroupTypeRow[]): Promise<void> {
  for (const row of rows) {
    const { code: _code, ...changes } = row;
    await db.insert(careGroupTypes).values(row).onConflictDoUpdate({ target: careGroupTypes.code, set: changes });
  }
}

export async function deactivateCareGroupTypesExcept(db: Db, codes: readonly string[]): Promise<void> {
  await db
    .update(careGroupTypes)
    .set({ active: false })
    .where(codes.length > 0 ? sql`${careGroupTypes.code} NOT IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})` : sql`true`);
}

export interface CareGroupDetailRow extends CareGroupRow {
  readonly name: string;
  readonly responsibleName: string | null;
}

export async function careGroupsOf(db: Db, residentId: string): Promise<CareGroupDetailRow[]> {
  return db
    .select({ ...getTableColumns(residentCareGroups), name: careGroupTypes.name, responsibleName: users.displayName })
    .from(residentCareGroups)
    .innerJoin(careGroupTypes, eq(careGroupTypes.code, residentCareGroups.code))
    .leftJoin(users, eq(users.id, residentCareGroups.responsibleUserId))
    .where(eq(residentCareGroups.residentId, residentId))
    .orderBy(asc(careGroupTypes.sortOrder), asc(residentCareGroups.code));
}

export async function replaceCareGroups(db: Db, residentId: string, placePath: string, rows: Omit<typeof residentCareGroups.$inferInsert, 'residentId' | 'placePath'>[]): Promise<void> {
  await db.delete(residentCareGroups).where(eq(residentCareGroups.residentId, residentId));
  if (rows.length > 0) await db.insert(residentCareGroups).values(rows.map((r) => ({ ...r, residentId, placePath })));
}

export async function insertCareGroups(db: Db, rows: (typeof residentCareGroups.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(residentCareGroups).values(rows.slice(i, i + 1000));
}

export async function moveCareGroups(db: Db, residentId: string, placePath: string): Promise<void> {
  await db.update(residentCareGroups).set({ placePath }).where(eq(residentCareGroups.residentId, residentId));
}

export async function existingUserIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: users.id }).from(users).where(inArray(users.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

export async function careGroupTotals(db: Db, scope: Scope, pathPrefix: string, today: string) {
  const rows = await queryRows<{ code: string; name: string; count: number }>(
    db,
    sql`SELECT t.code, t.name, count(DISTINCT g.resident_id)::int AS count
        FROM care_group_types t
        LEFT JOIN resident_care_groups g ON g.code = t.code AND ${activeMembership(today)} AND ${underPath(sql`g.place_path`, pathPrefix)} AND ${scopeCondition(scope, sql`g.place_path`)}
          AND EXISTS (SELECT 1 FROM residents r WHERE r.id = g.resident_id AND r.status = 'active')
        WHERE t.active
        GROUP BY t.code, t.name, t.sort_order
        ORDER BY t.sort_order, t.code`,
  );
  return rows.map((r) => ({ code: r.code, name: r.name, count: Number(r.count) }));
}

export interface DueRow {
  readonly id: string;
  readonly name: string;
  readonly birthDate: string;
  readonly householdId: string | null;
  readonly codes: string[];
  readonly responsibleName: string | null;
  readonly lastVisitAt: string | null;
  readonly dueOn: string;
}

/**
 * People of care groups with regular visits (the shortest interval of their groups applies) whose
 * last visit plus that interval falls on or before `until`, or who were never visited.
 */
export async function dueForVisit(db: Db, scope: Scope, pathPrefix: string, today: string, until: string, limit: number): Promise<DueRow[]> {
  // Visit days are counted in the server's calendar, as `today` is.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const rows = await queryRows<{ id: string; name: string; birth_date: string | Date; household_id: string | null; codes: string[]; responsible_name: string | null; last_visit_at: string | Date | null; due_on: string | Date }>(
    db,
    sql`WITH m AS (
          SELECT g.resident_id, array_agg(DISTINCT g.code ORDER BY g.code) AS codes, min(t.visit_interval_days) AS interval_days,
                 (array_agg(g.responsible_user_id) FILTER (WHERE g.responsible_user_id IS NOT NULL))[1] AS responsible_id
          FROM resident_care_groups g JOIN care_group_types t ON t.code = g.code AND t.active
          WHERE ${activeMembership(today)} AND ${underPath(sql`g.place_path`, pathPrefix)} AND ${scopeCondition(scope, sql`g.place_path`)}
          GROUP BY g.resident_id
          HAVING min(t.visit_interval_days) IS NOT NULL
        ), d AS (
          SELECT r.id, r.name, r.birth_date, r.household_id, m.codes, u.display_name AS responsible_name, lv.last_visit_at,
                 COALESCE((lv.last_visit_at AT TIME ZONE ${timeZone})::date + m.interval_days, ${today}::date) AS due_on
          FROM m
          JOIN residents r ON r.id = m.resident_id AND r.status = 'active'
          LEFT JOIN users u ON u.id = m.responsible_id
          LEFT JOIN LATERAL (SELECT max(v.visited_at) AS last_visit_at FROM visits v WHERE v.resident_id = r.id) lv ON true
        )
        SELECT * FROM d WHERE due_on <= ${until}::date ORDER BY due_on, name, id LIMIT ${limit}`,
  );
  const day = (v: string | Date) => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    birthDate: day(r.birth_date),
    householdId: r.household_id,
    codes: r.codes,
    responsibleName: r.responsible_name,
    lastVisitAt: r.last_visit_at === null ? null : new Date(r.last_visit_at).toISOString(),
    dueOn: day(r.due_on),
  }));
}

// ——— moves ———

export async function insertMove(db: Db, row: typeof residentMoves.$inferInsert): Promise<void> {
  await db.insert(residentMoves).values(row);
}

export async function insertMoves(db: Db, rows: (typeof residentMoves.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(residentMoves).values(rows.slice(i, i + 1000));
}

export async function movesOf(db: Db, residentId: string) {
  return db.select().from(residentMoves).where(eq(residentMoves.residentId, residentId)).orderBy(asc(residentMoves.movedAt), asc(residentMoves.id));
}

// ——— visits ———

export async function insertVisit(db: Db, row: typeof visits.$inferInsert): Promise<string> {
  const [created] = await db.insert(visits).values(row).returning({ id: visits.id });
  return created!.id;
}

export async function insertVisits(db: Db, rows: (typeof visits.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(visits).values(rows.slice(i, i + 1000));
}

export type VisitListRow = VisitRow & { residentName: string; visitedKey: string };

const visitColumns = { ...getTableColumns(visits), residentName: residents.name, visitedKey: sql<string>`${visits.visitedAt}::text` };

export async function findVisit(db: Db, id: string): Promise<VisitListRow | undefined> {
  const [row] = await db.select(visitColumns).from(visits).innerJoin(residents, eq(residents.id, visits.residentId)).where(eq(visits.id, id));
  return row;
}

export interface VisitFilter {
  readonly scope: Scope;
  readonly residentId?: string;
  readonly pathPrefix?: string;
  readonly after?: readonly [string, string];
  readonly limit: number;
}

export async function listVisits(db: Db, filter: VisitFilter): Promise<{ rows: VisitListRow[]; total: number }> {
  const conditions: SQL[] = [scopeCondition(filter.scope, visits.placePath)];
  if (filter.residentId) conditions.push(eq(visits.residentId, filter.residentId));
  if (filter.pathPrefix) conditions.push(underPath(sql`${visits.placePath}`, filter.pathPrefix));
  const where = and(...conditions);
  const pageWhere = filter.after ? and(where, sql`(${visits.visitedAt}, ${visits.id}) < (${filter.after[0]}::timestamptz, ${filter.after[1]}::uuid)`) : where;
  const [rows, [counted]] = await inTurn([
    db
      .select(visitColumns)
      .from(visits)
      .innerJoin(residents, eq(residents.id, visits.residentId))
      .where(pageWhere)
      .orderBy(desc(visits.visitedAt), desc(visits.id))
      .limit(filter.limit + 1),
    db.select({ n: count() }).from(visits).where(where),
  ]);
  return { rows, total: Number(counted?.n ?? 0) };
}

export async function visitsOfResident(db: Db, residentId: string): Promise<VisitListRow[]> {
  return db.select(visitColumns).from(visits).innerJoin(residents, eq(residents.id, visits.residentId)).where(eq(visits.residentId, residentId)).orderBy(desc(visits.visitedAt));
}

// ——— households ———

export type HouseholdAttributes = typeof households.$inferSelect & { headName: string | null };

/** The register's attributes of these household places (rows may be missing: households made in the place tree). */
export async function householdAttributes(db: Db, ids: readonly string[]): Promise<Map<string, HouseholdAttributes>> {
  if (ids.length === 0) return new Map();
  const head = sql<string | null>`(SELECT h.name FROM residents h WHERE h.id = "households"."head_resident_id")`;
  const rows = await db.select({ ...getTableColumns(households), headName: head }).from(households).where(inArray(households.placeId, [...ids]));
  return new Map(rows.map((r) => [r.placeId, r]));
}

/** Members who live in each household now. */
export async function memberCountsOf(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const counts = await db
    .select({ householdId: residents.householdId, n: count() })
    .from(residents)
    .where(and(inArray(residents.householdId, [...ids]), eq(residents.status, 'active')))
    .groupBy(residents.householdId);
  return new Map(counts.map((c) => [c.householdId!, Number(c.n)]));
}

/** Makes sure the household's attribute row exists (households made in the place tree have none yet). */
export async function ensureHouseholdRow(db: Db, row: { placeId: string; placePath: string; buildingId: string }): Promise<void> {
  await db.insert(households).values(row).onConflictDoNothing({ target: households.placeId });
}

export async function insertHouseholdRows(db: Db, rows: (typeof households.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(households).values(rows.slice(i, i + 1000));
}

export async function updateHouseholdRow(db: Db, placeId: string, changes: Partial<typeof households.$inferInsert>): Promise<void> {
  await db.update(households).set({ ...changes, updatedAt: new Date() }).where(eq(households.placeId, placeId));
}

export async function deleteHouseholdRow(db: Db, placeId: string): Promise<void> {
  await db.delete(households).where(eq(households.placeId, placeId));
}

// ——— place hooks ———

export async function rewritePaths(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  for (const table of ['households', 'residents', 'resident_care_groups', 'visits'] as const) {
    await db.execute(sql`UPDATE ${sql.identifier(table)} SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1}) WHERE place_path LIKE ${`${escapeLike(oldPrefix)}%`}`);
  }
}

export async function countAtPlace(db: Db, placeId: string): Promise<{ residents: number; households: number }> {
  const [r] = await db.select({ n: count() }).from(residents).where(and(eq(residents.placeId, placeId), eq(residents.status, 'active')));
  const [h] = await db.select({ n: count() }).from(households).where(eq(households.placeId, placeId));
  return { residents: Number(r?.n ?? 0), households: Number(h?.n ?? 0) };
}

export async function linkAccount(db: Db, userId: string, residentId: string): Promise<void> {
  await db.insert(residentAccounts).values({ userId, residentId }).onConflictDoUpdate({ target: residentAccounts.userId, set: { residentId } });
}

export async function residentIdOfUser(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ residentId: residentAccounts.residentId }).from(residentAccounts).where(eq(residentAccounts.userId, userId));
  return row?.residentId;
}

export async function userIdOfResident(db: Db, residentId: string): Promise<string | undefined> {
  const [row] = await db.select({ userId: residentAccounts.userId }).from(residentAccounts).where(eq(residentAccounts.residentId, residentId));
  return row?.userId;
}
