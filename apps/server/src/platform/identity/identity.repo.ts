import { and, asc, count, eq, exists, gt, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { inTurn } from '../../db/in-turn';
import type { Role } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { reusableStatement } from '../../db/reusable-statement';
import { rowOf } from '../../db/sql';
import { scopeCondition, type Scope } from '../access';
import { loginThrottle, roleAssignments, sessions, users } from './identity.tables';

export type UserRow = typeof users.$inferSelect;

let generation = 0;
/**
 * Counts this process's writes to accounts, roles and sessions; a copy read before the count moved
 * may be out of date (the identity service's session cache). Every write below moves it; a write
 * made elsewhere (another process, raw SQL) must call `identityChanged`.
 */
export const identityGeneration = () => generation;
export const identityChanged = () => void generation++;
export type AssignmentRow = typeof roleAssignments.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(db: Db, row: typeof users.$inferInsert): Promise<UserRow> {
  identityChanged();
  const [created] = await db.insert(users).values(row).returning();
  return created!;
}

export async function updateUser(db: Db, id: string, changes: Partial<typeof users.$inferInsert>): Promise<void> {
  identityChanged();
  await db.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, id));
}

export async function assignmentsOf(db: Db, userIds: readonly string[]): Promise<AssignmentRow[]> {
  if (userIds.length === 0) return [];
  return db.select().from(roleAssignments).where(inArray(roleAssignments.userId, [...userIds])).orderBy(asc(roleAssignments.createdAt));
}

export async function findAssignment(db: Db, id: string): Promise<AssignmentRow | undefined> {
  const [row] = await db.select().from(roleAssignments).where(eq(roleAssignments.id, id));
  return row;
}

export async function insertAssignment(db: Db, row: typeof roleAssignments.$inferInsert): Promise<AssignmentRow> {
  identityChanged();
  const [created] = await db.insert(roleAssignments).values(row).returning();
  return created!;
}

export async function deleteAssignment(db: Db, id: string): Promise<void> {
  identityChanged();
  await db.delete(roleAssignments).where(eq(roleAssignments.id, id));
}

export interface UserFilter {
  readonly scope: Scope;
  readonly q?: string;
  readonly role?: Role;
  readonly placePath?: string;
  readonly afterUsername?: string;
  readonly limit: number;
}

/** Users with at least one role inside the scope (and matching the filters). */
export async function listUsers(db: Db, filter: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
  const assignmentConditions: SQL[] = [eq(roleAssignments.userId, users.id), scopeCondition(filter.scope, roleAssignments.placePath)];
  if (filter.role) assignmentConditions.push(eq(roleAssignments.role, filter.role));
  if (filter.placePath) assignmentConditions.push(sql`${roleAssignments.placePath} LIKE ${`${filter.placePath}%`}`);
  const conditions: SQL[] = [exists(db.select({ one: sql`1` }).from(roleAssignments).where(and(...assignmentConditions)))];
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  const where = and(...conditions);
  const [rows, [total]] = await inTurn([
    db
      .select()
      .from(users)
      .where(filter.afterUsername ? and(where, gt(users.username, filter.afterUsername)) : where)
      .orderBy(asc(users.username))
      .limit(filter.limit + 1),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function usersHoldingRoles(db: Db, roles: readonly Role[]): Promise<AssignmentRow[]> {
  return db.select().from(roleAssignments).where(inArray(roleAssignments.role, [...roles]));
}

/** Enabled users holding one of `roles` at a place whose subtree contains `path` (or at exactly `path` when `exact`). */
export async function holdersCovering(db: Db, path: string, roles: readonly Role[], exact = false) {
  const placeMatch = exact ? sql`${roleAssignments.placePath} = ${path}` : sql`${path} LIKE ${roleAssignments.placePath} || '%'`;
  return db
    .select({ userId: users.id, displayName: users.displayName, role: roleAssignments.role, placeId: roleAssignments.placeId, placePath: roleAssignments.placePath })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(inArray(roleAssignments.role, [...roles]), eq(users.disabled, false), placeMatch))
    .orderBy(sql`length(${roleAssignments.placePath}) DESC`, users.displayName);
}

export async function countAssignmentsAt(db: Db, placeId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(roleAssignments).where(eq(roleAssignments.placeId, placeId));
  return Number(row?.n ?? 0);
}

export async function rewriteAssignmentPaths(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  identityChanged();
  await db.execute(sql`
    UPDATE role_assignments SET place_path = ${newPrefix} || substr(place_path, ${oldPrefix.length + 1})
    WHERE place_path LIKE ${`${oldPrefix}%`}`);
}

// Sessions

export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function findSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return row;
}

// Every signed-in request asks: a statement built once, the two rows as JSON (their columns share names).
const sessionWithUser = reusableStatement(
  (_db, v: { session: { tokenHash: string } }) =>
    sql`SELECT to_jsonb(s) AS session, to_jsonb(u) AS "user" FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.token_hash = ${v.session.tokenHash}`,
);

/** The session and its user in one round trip. */
export async function findSessionWithUser(db: Db, tokenHash: string): Promise<{ session: SessionRow; user: UserRow | null } | undefined> {
  const [row] = await sessionWithUser(db, { session: { tokenHash } });
  if (!row) return undefined;
  return { session: rowOf(sessions, row.session as Record<string, unknown>), user: row.user ? rowOf(users, row.user as Record<string, unknown>) : null };
}

/** New grants for everyone holding a role at the place (see `users.access_version`). */
export async function raiseAccessVersionAt(db: Db, placeId: string): Promise<void> {
  identityChanged();
  await db
    .update(users)
    .set({ accessVersion: sql`${users.accessVersion} + 1` })
    .where(inArray(users.id, db.select({ id: roleAssignments.userId }).from(roleAssignments).where(eq(roleAssignments.placeId, placeId))));
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  identityChanged();
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  identityChanged();
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOf(db: Db, userId: string, exceptTokenHash?: string): Promise<void> {
  identityChanged();
  await db
    .delete(sessions)
    .where(exceptTokenHash ? and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${exceptTokenHash}`) : eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Db, idleBefore: Date, now: Date): Promise<void> {
  identityChanged();
  await db.delete(sessions).where(or(lt(sessions.lastSeenAt, idleBefore), lt(sessions.expiresAt, now)));
}

// Login throttle

export async function findThrottle(db: Db, username: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.username, username));
  return row;
}

/** Adds one failure and returns the new count, atomically. */
export async function recordFailure(db: Db, username: string): Promise<number> {
  const [row] = await db
    .insert(loginThrottle)
    .values({ username, failures: 1 })
    .onConflictDoUpdate({ target: loginThrottle.username, set: { failures: sql`${loginThrottle.failures} + 1`, updatedAt: new Date() } })
    .returning({ failures: loginThrottle.failures });
  return row?.failures ?? 1;
}

export async function lockUsername(db: Db, username: string, until: Date): Promise<void> {
  await db.update(loginThrottle).set({ lockedUntil: until, failures: 0, updatedAt: new Date() }).where(eq(loginThrottle.username, username));
}

export async function clearThrottle(db: Db, username: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.username, username));
}

export async function countUsersUnder(db: Db, pathPrefix: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(DISTINCT ${roleAssignments.userId})::int` })
    .from(roleAssignments)
    .where(sql`${roleAssignments.placePath} LIKE ${`${pathPrefix}%`}`);
  return Number(row?.n ?? 0);
}
