import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { RequestStatus, Triage } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows, rowOf } from '../../db/sql';
import { reusableStatement } from '../../db/reusable-statement';
import { auditInsert, type AuditRow } from '../../platform/audit/audit.service';
import { claimInsert, type claimRow } from '../../platform/idempotency';
import { referenceSql } from './requests.views';
import { scopeCondition, type Scope } from '../../platform/access';
import { olderThan } from '../../platform/pagination';
import { requestCategories, requestEvents, requestFollowers, requestPhotos, requestStatDeltas, serviceRequests } from './requests.tables';

export type CategoryRow = typeof requestCategories.$inferSelect;
export type RequestRow = typeof serviceRequests.$inferSelect;
export type NewRequestRow = typeof serviceRequests.$inferInsert;
export type EventRow = typeof requestEvents.$inferSelect;
export type PhotoRow = Omit<typeof requestPhotos.$inferSelect, 'data'>;
export type StatDelta = Omit<typeof requestStatDeltas.$inferInsert, 'id'>;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const under = (column: typeof serviceRequests.placePath, prefix: string) => sql`${column} LIKE ${`${escapeLike(prefix)}%`}`;

// ── categories ──────────────────────────────────────────────────────────────
export const listCategories = (db: Db) => db.select().from(requestCategories).orderBy(asc(requestCategories.sortOrder), asc(requestCategories.code));

export async function findCategoryByCode(db: Db, code: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(requestCategories).where(eq(requestCategories.code, code));
  return row;
}

export async function upsertCategory(db: Db, row: typeof requestCategories.$inferInsert): Promise<void> {
  const { code: _code, ...changes } = row;
  await db.insert(requestCategories).values(row).onConflictDoUpdate({ target: requestCategories.code, set: { ...changes, updatedAt: new Date() } });
}

// ── requests ────────────────────────────────────────────────────────────────
export async function insertRequest(db: Db, row: NewRequestRow): Promise<RequestRow> {
  const [inserted] = await db.insert(serviceRequests).values(row).returning();
  return inserted!;
}

export interface IntakeRows {
  readonly request: NewRequestRow & { id: string };
  readonly event: typeof requestEvents.$inferInsert;
  readonly delta: StatDelta;
  /** `after` as JSON text; the statement adds the reference, which only the insert learns. */
  readonly audit: AuditRow & { after: string };
  readonly claim?: ReturnType<typeof claimRow>;
}

const intakeStatement = reusableStatement<{ [K in keyof IntakeRows]-?: NonNullable<IntakeRows[K]> }>((db, rows) => {
  const parts = [
    sql`req AS (${db.insert(serviceRequests).values(rows.request).returning().getSQL()})`,
    sql`event AS (${db.insert(requestEvents).values(rows.event).getSQL()})`,
    sql`delta AS (${db.insert(requestStatDeltas).values(rows.delta).getSQL()})`,
    sql`audit AS (${auditInsert(db, { ...rows.audit, after: sql`${rows.audit.after}::jsonb || jsonb_build_object('reference', ${referenceSql(sql`(SELECT seq FROM req)`)})` })})`,
    ...(rows.claim ? [sql`claim AS (${claimInsert(db, rows.claim)})`] : []),
  ];
  return sql`WITH ${sql.join(parts, sql`, `)} SELECT * FROM req`;
});

/**
 * A new request with its first history entry, statistics delta, audit row and idempotency answer,
 * as one statement of data-modifying CTEs: atomic without a transaction, one round trip, and its
 * text built once (see `reusableStatement`).
 */
export async function insertIntake(db: Db, rows: IntakeRows): Promise<RequestRow> {
  const [raw] = await intakeStatement(db, rows as { [K in keyof IntakeRows]-?: NonNullable<IntakeRows[K]> });
  return rowOf(serviceRequests, raw!);
}

export async function findRequest(db: Db, id: string, forUpdate = false): Promise<RequestRow | undefined> {
  const query = db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findRequestBySeq(db: Db, seq: number): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.seq, seq));
  return row;
}

export async function findRequestByToken(db: Db, token: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.open311Token, token));
  return row;
}

export async function updateRequest(db: Db, id: string, changes: Partial<NewRequestRow>): Promise<RequestRow> {
  const [row] = await db
    .update(serviceRequests)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(serviceRequests.id, id))
    .returning();
  return row!;
}

export async function insertEvent(db: Db, row: typeof requestEvents.$inferInsert): Promise<string> {
  const [inserted] = await db.insert(requestEvents).values(row).returning({ id: requestEvents.id });
  return inserted!.id;
}

export const eventsOf = (db: Db, requestId: string) => db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId)).orderBy(asc(requestEvents.at), asc(requestEvents.id));

export interface RequestFilter {
  /** Null: no scope condition (the reporter's own list). */
  readonly scope: Scope | null;
  readonly pathPrefix?: string;
  readonly statuses?: readonly RequestStatus[];
  readonly categoryCodes?: readonly string[];
  readonly triage?: Triage;
  readonly overdue?: boolean;
  readonly channel?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly ownerUserId?: string;
  readonly reporterUserId?: string;
  readonly followerUserId?: string;
  readonly seq?: number;
  readonly text?: string;
  readonly after?: readonly [string, string];
  readonly limit: number;
}

function filterConditions(filter: RequestFilter): SQL[] {
  const c: SQL[] = [];
  if (filter.scope) c.push(scopeCondition(filter.scope, serviceRequests.placePath));
  if (filter.pathPrefix) c.push(under(serviceRequests.placePath, filter.pathPrefix));
  if (filter.statuses?.length) c.push(inArray(serviceRequests.status, [...filter.statuses]));
  if (filter.categoryCodes?.length) c.push(inArray(serviceRequests.categoryCode, [...filter.categoryCodes]));
  if (filter.triage) c.push(eq(serviceRequests.triage, filter.triage));
  if (filter.overdue === true) c.push(eq(serviceRequests.dueState, 'overdue'));
  if (filter.overdue === false) c.push(ne(serviceRequests.dueState, 'overdue'));
  if (filter.channel) c.push(sql`${serviceRequests.channel} = ${filter.channel}`);
  if (filter.from) c.push(gte(serviceRequests.createdAt, filter.from));
  if (filter.to) c.push(lt(serviceRequests.createdAt, filter.to));
  if (filter.ownerUserId) c.push(eq(serviceRequests.ownerUserId, filter.ownerUserId));
  if (filter.reporterUserId) c.push(eq(serviceRequests.reporterUserId, filter.reporterUserId));
  if (filter.followerUserId) {
    c.push(sql`EXISTS (SELECT 1 FROM request_followers f WHERE f.request_id = ${serviceRequests.id} AND f.user_id = ${filter.followerUserId})`);
  }
  if (filter.seq !== undefined) c.push(eq(serviceRequests.seq, filter.seq));
  if (filter.text) c.push(sql`${serviceRequests.description} ILIKE ${`%${escapeLike(filter.text)}%`}`);
  return c;
}

/** Newest first, keyset-paged on (created_at, id): no OFFSET however deep the page. */
export async function listRequests(db: Db, filter: RequestFilter): Promise<RequestRow[]> {
  const c = filterConditions(filter);
  if (filter.after) {
    const at = new Date(filter.after[0]);
    c.push(olderThan([serviceRequests.createdAt, serviceRequests.id], [at, filter.after[1]]));
  }
  return db
    .select()
    .from(serviceRequests)
    .where(and(...c))
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(filter.limit + 1);
}

/**
 * The same page for a narrow scope, as one newest-first index range per grid merged together:
 * a grid worker's page then reads about `limit` rows per grid instead of walking the whole
 * district's register backwards until enough of theirs turn up.
 */
export async function listRequestsInGrids(db: Db, gridPaths: readonly string[], filter: RequestFilter): Promise<RequestRow[]> {
  if (gridPaths.length === 0) return [];
  const c = filterConditions({ ...filter, scope: null, pathPrefix: undefined });
  if (filter.after) {
    const at = new Date(filter.after[0]);
    c.push(olderThan([serviceRequests.createdAt, serviceRequests.id], [at, filter.after[1]]));
  }
  const parts = gridPaths.map(
    (path) =>
      sql`(SELECT id, created_at FROM service_requests WHERE place_path = ${path}${c.length > 0 ? sql` AND ${and(...c)}` : sql``} ORDER BY created_at DESC, id DESC LIMIT ${filter.limit + 1})`,
  );
  // One round trip: the page's ids, then their rows, in the page's order.
  const page = sql`SELECT id, created_at FROM (${sql.join(parts, sql` UNION ALL `)}) page ORDER BY created_at DESC, id DESC LIMIT ${filter.limit + 1}`;
  const rows = await queryRows<Record<string, unknown>>(db, sql`SELECT r.* FROM (${page}) p JOIN service_requests r ON r.id = p.id ORDER BY p.created_at DESC, p.id DESC`);
  return rows.map((row) => rowOf(serviceRequests, row));
}

export async function nearbyOpen(db: Db, scope: Scope | null, categoryCode: string, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }): Promise<RequestRow[]> {
  const c: SQL[] = [
    eq(serviceRequests.categoryCode, categoryCode),
    sql`${serviceRequests.lat} IS NOT NULL AND ${serviceRequests.status} NOT IN ('closed', 'rejected')`,
    gte(serviceRequests.lat, box.minLat),
    lte(serviceRequests.lat, box.maxLat),
    gte(serviceRequests.lng, box.minLng),
    lte(serviceRequests.lng, box.maxLng),
  ];
  if (scope) c.push(scopeCondition(scope, serviceRequests.placePath));
  return db.select().from(serviceRequests).where(and(...c)).orderBy(desc(serviceRequests.createdAt)).limit(20);
}

/** The echo wall: public-consented, non-private requests of a community, newest first. */
export async function publicRequests(db: Db, communityPath: string, after: readonly [string, string] | undefined, limit: number): Promise<RequestRow[]> {
  const c: SQL[] = [under(serviceRequests.placePath, communityPath), eq(serviceRequests.publicConsent, true), ne(serviceRequests.triage, 'private'), ne(serviceRequests.status, 'rejected')];
  if (after) {
    const at = new Date(after[0]);
    c.push(olderThan([serviceRequests.createdAt, serviceRequests.id], [at, after[1]]));
  }
  return db
    .select()
    .from(serviceRequests)
    .where(and(...c))
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(limit + 1);
}

// ── followers ───────────────────────────────────────────────────────────────
export async function follow(db: Db, requestId: string, userId: string): Promise<void> {
  await db.insert(requestFollowers).values({ requestId, userId }).onConflictDoNothing();
}

export async function unfollow(db: Db, requestId: string, userId: string): Promise<void> {
  await db.delete(requestFollowers).where(and(eq(requestFollowers.requestId, requestId), eq(requestFollowers.userId, userId)));
}

export async function followersOf(db: Db, requestId: string): Promise<string[]> {
  return (await db.select({ userId: requestFollowers.userId }).from(requestFollowers).where(eq(requestFollowers.requestId, requestId))).map((r) => r.userId);
}

// ── photos ──────────────────────────────────────────────────────────────────
const photoColumns = {
  id: requestPhotos.id,
  requestId: requestPhotos.requestId,
  eventId: requestPhotos.eventId,
  placePath: requestPhotos.placePath,
  uploaderUserId: requestPhotos.uploaderUserId,
  kind: requestPhotos.kind,
  mime: requestPhotos.mime,
  width: requestPhotos.width,
  height: requestPhotos.height,
  byteSize: requestPhotos.byteSize,
  createdAt: requestPhotos.createdAt,
};

export async function insertPhoto(db: Db, row: typeof requestPhotos.$inferInsert): Promise<PhotoRow> {
  const [inserted] = await db.insert(requestPhotos).values(row).returning(photoColumns);
  return inserted!;
}

/** Attaches the uploader's own staged photos; returns how many were attached. */
export async function attachPhotos(db: Db, ids: readonly string[], uploaderUserId: string, target: { requestId: string; placePath: string; kind: PhotoRow['kind']; eventId: string | null }): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(requestPhotos)
    .set({ requestId: target.requestId, placePath: target.placePath, kind: target.kind, eventId: target.eventId })
    .where(and(inArray(requestPhotos.id, [...ids]), eq(requestPhotos.uploaderUserId, uploaderUserId), isNull(requestPhotos.requestId)))
    .returning({ id: requestPhotos.id });
  return rows.length;
}

export const photosOf = (db: Db, requestId: string) => db.select(photoColumns).from(requestPhotos).where(eq(requestPhotos.requestId, requestId)).orderBy(asc(requestPhotos.createdAt));

export async function findPhoto(db: Db, id: string) {
  const [row] = await db.select().from(requestPhotos).where(eq(requestPhotos.id, id));
  return row;
}

// ── statistics ──────────────────────────────────────────────────────────────
export async function insertStatDeltas(db: Db, deltas: readonly StatDelta[]): Promise<void> {
  if (deltas.length > 0) await db.insert(requestStatDeltas).values([...deltas]);
}

export interface StatsRow {
  category_code: string;
  triage: Triage;
  received: number;
  resolved: number;
  resolved_on_time: number;
  handling_seconds: number;
  followed_up: number;
  satisfaction_sum: number;
}

/** Figures for a subtree and period, from the rollup plus the changes not yet folded into it. */
export async function statsUnder(db: Db, prefix: string, fromDay: string, toDay: string): Promise<StatsRow[]> {
  const like = `${escapeLike(prefix)}%`;
  return queryRows<StatsRow>(
    db,
    sql`SELECT category_code, triage,
          sum(received)::int AS received, sum(resolved)::int AS resolved, sum(resolved_on_time)::int AS resolved_on_time,
          sum(handling_seconds)::float8 AS handling_seconds, sum(followed_up)::int AS followed_up, sum(satisfaction_sum)::int AS satisfaction_sum
        FROM (
          SELECT category_code, triage, received, resolved, resolved_on_time, handling_seconds, followed_up, satisfaction_sum
            FROM request_stats WHERE place_path LIKE ${like} AND day BETWEEN ${fromDay} AND ${toDay}
          UNION ALL
          SELECT category_code, triage, received, resolved, resolved_on_time, handling_seconds, followed_up, satisfaction_sum
            FROM request_stat_deltas WHERE place_path LIKE ${like} AND day BETWEEN ${fromDay} AND ${toDay}
        ) figures
        GROUP BY category_code, triage`,
  );
}

export async function openAndOverdueUnder(db: Db, prefix: string): Promise<{ open: number; overdue: number }> {
  const like = `${escapeLike(prefix)}%`;
  const [row] = await queryRows<{ open: number | null; overdue: number | null }>(
    db,
    sql`SELECT sum(open_delta)::int AS open, sum(overdue_delta)::int AS overdue FROM (
          SELECT open_delta, overdue_delta FROM request_stats WHERE place_path LIKE ${like}
          UNION ALL
          SELECT open_delta, overdue_delta FROM request_stat_deltas WHERE place_path LIKE ${like}
        ) figures`,
  );
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}

/** Moves appended changes into the rollup in one statement (a crash leaves both tables as they were). */
export async function foldStatDeltas(db: Db): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(
    db,
    sql`WITH moved AS (
          DELETE FROM request_stat_deltas RETURNING place_path, day, category_code, triage, received, resolved, resolved_on_time,
            handling_seconds, followed_up, satisfaction_sum, open_delta, overdue_delta
        ), summed AS (
          INSERT INTO request_stats AS s (place_path, day, category_code, triage, received, resolved, resolved_on_time, handling_seconds, followed_up, satisfaction_sum, open_delta, overdue_delta)
          SELECT place_path, day, category_code, triage, sum(received), sum(resolved), sum(resolved_on_time), sum(handling_seconds),
                 sum(followed_up), sum(satisfaction_sum), sum(open_delta), sum(overdue_delta)
            FROM moved GROUP BY place_path, day, category_code, triage
          ON CONFLICT (place_path, day, category_code, triage) DO UPDATE SET
            received = s.received + excluded.received, resolved = s.resolved + excluded.resolved,
            resolved_on_time = s.resolved_on_time + excluded.resolved_on_time, handling_seconds = s.handling_seconds + excluded.handling_seconds,
            followed_up = s.followed_up + excluded.followed_up, satisfaction_sum = s.satisfaction_sum + excluded.satisfaction_sum,
            open_delta = s.open_delta + excluded.open_delta, overdue_delta = s.overdue_delta + excluded.overdue_delta
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM moved)::int AS folded`,
  );
  return row?.folded ?? 0;
}

/** Rewrites stored paths after a subtree of places moved. */
export async function rewritePaths(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  const like = `${escapeLike(oldPrefix)}%`;
  const cut = oldPrefix.length + 1;
  await db.execute(sql`UPDATE service_requests SET place_path = ${newPrefix} || substr(place_path, ${cut}) WHERE place_path LIKE ${like}`);
  await db.execute(sql`UPDATE service_requests SET responsible_path = ${newPrefix} || substr(responsible_path, ${cut}) WHERE responsible_path LIKE ${like}`);
  await db.execute(sql`UPDATE request_photos SET place_path = ${newPrefix} || substr(place_path, ${cut}) WHERE place_path LIKE ${like}`);
  await db.execute(sql`UPDATE request_stat_deltas SET place_path = ${newPrefix} || substr(place_path, ${cut}) WHERE place_path LIKE ${like}`);
  // The rollup's key includes the path: fold the moved rows under their new path.
  await db.execute(sql`INSERT INTO request_stat_deltas (place_path, day, category_code, triage, received, resolved, resolved_on_time, handling_seconds, followed_up, satisfaction_sum, open_delta, overdue_delta)
    SELECT ${newPrefix} || substr(place_path, ${cut}), day, category_code, triage, received, resolved, resolved_on_time, handling_seconds, followed_up, satisfaction_sum, open_delta, overdue_delta
    FROM request_stats WHERE place_path LIKE ${like}`);
  await db.execute(sql`DELETE FROM request_stats WHERE place_path LIKE ${like}`);
}

export async function countAt(db: Db, placeId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM service_requests WHERE place_id = ${placeId} OR subject_place_id = ${placeId} OR responsible_place_id = ${placeId}`);
  return row?.n ?? 0;
}
