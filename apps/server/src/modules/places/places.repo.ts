import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { inTurn } from '../../db/in-turn';
import type { Place, PlaceType } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { scopeCondition, type Scope } from '../../platform/access';
import { places } from './places.tables';

export type PlaceRow = typeof places.$inferSelect;

const childCount = sql<number>`(SELECT count(*)::int FROM places c WHERE c.parent_id = "places"."id")`;

const { minLng: _minLng, minLat: _minLat, maxLng: _maxLng, maxLat: _maxLat, seq: _seq, ...visibleColumns } = getTableColumns(places);
const placeColumns = { ...visibleColumns, childCount };

export function toPlace(row: Omit<PlaceRow, 'minLng' | 'minLat' | 'maxLng' | 'maxLat' | 'seq'> & { childCount: number }): Place {
  return {
    id: row.id,
    parentId: row.parentId,
    type: row.type,
    name: row.name,
    code: row.code,
    path: row.path,
    depth: row.depth,
    sortOrder: row.sortOrder,
    boundary: row.boundary ?? null,
    childCount: Number(row.childCount),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findPlace(db: Db, id: string): Promise<Place | undefined> {
  const [row] = await db.select(placeColumns).from(places).where(eq(places.id, id));
  return row ? toPlace(row) : undefined;
}

export async function findPlaces(db: Db, ids: readonly string[]): Promise<Place[]> {
  if (ids.length === 0) return [];
  const rows = await db.select(placeColumns).from(places).where(inArray(places.id, [...ids]));
  return rows.map(toPlace);
}

/** Names only, for labelling rows of other modules (no boundaries, no child counts). */
export async function placeNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findPlacesByPaths(db: Db, paths: readonly string[]): Promise<Place[]> {
  if (paths.length === 0) return [];
  const rows = await db.select(placeColumns).from(places).where(inArray(places.path, [...paths])).orderBy(asc(places.path));
  return rows.map(toPlace);
}

export async function listPlacesOfType(db: Db, type: PlaceType): Promise<Place[]> {
  const rows = await db.select(placeColumns).from(places).where(eq(places.type, type)).orderBy(asc(places.path));
  return rows.map(toPlace);
}

export async function gridPathsUnder(db: Db, prefix: string): Promise<string[]> {
  const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.select({ path: places.path }).from(places).where(and(eq(places.type, 'grid'), sql`${places.path} LIKE ${like}`));
  return rows.map((r) => r.path);
}

export async function findRootPlaces(db: Db): Promise<Place[]> {
  const rows = await db.select(placeColumns).from(places).where(isNull(places.parentId)).orderBy(asc(places.seq));
  return rows.map(toPlace);
}

export async function findByCode(db: Db, code: string): Promise<Place | undefined> {
  const [row] = await db.select(placeColumns).from(places).where(eq(places.code, code));
  return row ? toPlace(row) : undefined;
}

export interface PlaceFilter {
  readonly scope: Scope;
  readonly parentId?: string;
  readonly type?: PlaceType;
  readonly q?: string;
  /** Only places in this subtree (a path prefix). */
  readonly under?: string;
  readonly after?: readonly [number, number, number];
  readonly limit: number;
}

export async function listPlaces(db: Db, filter: PlaceFilter): Promise<{ rows: { place: Place; seq: number }[]; total: number }> {
  const conditions: SQL[] = [scopeCondition(filter.scope, places.path)];
  if (filter.parentId) conditions.push(eq(places.parentId, filter.parentId));
  if (filter.type) conditions.push(eq(places.type, filter.type));
  if (filter.under) conditions.push(sql`${places.path} LIKE ${`${filter.under.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (filter.q) conditions.push(sql`(${places.name} ILIKE ${`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR ${places.code} = ${filter.q})`);
  const where = and(...conditions);
  const pageWhere = filter.after
    ? and(where, sql`(${places.depth}, ${places.sortOrder}, ${places.seq}) > (${filter.after[0]}, ${filter.after[1]}, ${filter.after[2]})`)
    : where;
  const [rows, [counted]] = await inTurn([
    db
      .select({ ...placeColumns, seq: places.seq })
      .from(places)
      .where(pageWhere)
      .orderBy(asc(places.depth), asc(places.sortOrder), asc(places.seq))
      .limit(filter.limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(places).where(where),
  ]);
  return { rows: rows.map((r) => ({ place: toPlace(r), seq: r.seq })), total: Number(counted?.n ?? 0) };
}

export async function seqOf(db: Db, id: string): Promise<number | undefined> {
  const [row] = await db.select({ seq: places.seq }).from(places).where(eq(places.id, id));
  return row?.seq;
}

export async function nextSeq(db: Db): Promise<number> {
  const [row] = await queryRows<{ seq: string | number }>(db, sql`SELECT nextval(pg_get_serial_sequence('places', 'seq')) AS seq`);
  return Number(row?.seq);
}

export type NewPlaceRow = typeof places.$inferInsert;

export async function insertPlace(db: Db, row: NewPlaceRow): Promise<void> {
  await db.insert(places).values(row);
}

export async function insertPlaces(db: Db, rows: NewPlaceRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(places).values(rows.slice(i, i + 1000));
}

export async function updatePlace(db: Db, id: string, changes: Partial<NewPlaceRow>): Promise<void> {
  await db.update(places).set({ ...changes, updatedAt: new Date() }).where(eq(places.id, id));
}

/** Moves a whole subtree by rewriting its path prefix and depth in one statement. */
export async function rewriteSubtree(db: Db, oldPrefix: string, newPrefix: string, depthDelta: number): Promise<void> {
  await db.execute(sql`
    UPDATE places SET path = ${newPrefix} || substr(path, ${oldPrefix.length + 1}), depth = depth + ${depthDelta}, updated_at = now()
    WHERE path LIKE ${`${oldPrefix}%`}`);
}

export async function countChildren(db: Db, id: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(places).where(eq(places.parentId, id));
  return Number(row?.n ?? 0);
}

export async function deletePlace(db: Db, id: string): Promise<void> {
  await db.delete(places).where(eq(places.id, id));
}

/** Grids with a boundary in the scope whose bounding box holds the point. */
export async function gridsAround(db: Db, scope: Scope | null, lng: number, lat: number) {
  const conditions: SQL[] = [
    eq(places.type, 'grid'),
    isNotNull(places.boundary),
    sql`${places.minLng} <= ${lng} AND ${places.maxLng} >= ${lng} AND ${places.minLat} <= ${lat} AND ${places.maxLat} >= ${lat}`,
  ];
  if (scope) conditions.push(scopeCondition(scope, places.path));
  const rows = await db.select(placeColumns).from(places).where(and(...conditions));
  return rows.map(toPlace);
}

/** Every grid that has a boundary (for the in-memory grid index). */
export async function allGridsWithBoundary(db: Db): Promise<Place[]> {
  const rows = await db.select(placeColumns).from(places).where(and(eq(places.type, 'grid'), isNotNull(places.boundary)));
  return rows.map(toPlace);
}

export async function gridsWithBoundaryUnder(db: Db, scope: Scope, pathPrefix: string) {
  const rows = await db
    .select(placeColumns)
    .from(places)
    .where(and(eq(places.type, 'grid'), isNotNull(places.boundary), sql`${places.path} LIKE ${`${pathPrefix}%`}`, scopeCondition(scope, places.path)))
    .orderBy(asc(places.depth), asc(places.sortOrder), asc(places.seq))
    .limit(2000);
  return rows.map(toPlace);
}

/** How many places of each type lie strictly below the path. */
export async function countByTypeUnder(db: Db, pathPrefix: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ type: places.type, n: sql<number>`count(*)::int` })
    .from(places)
    .where(and(sql`${places.path} LIKE ${`${pathPrefix}%`}`, sql`${places.path} <> ${pathPrefix}`))
    .groupBy(places.type);
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
}
