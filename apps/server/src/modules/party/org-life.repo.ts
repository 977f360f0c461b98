import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { SessionAttendanceStatus, MemberPosition } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { orgLifeAttendees, orgLifeMakeUps, orgLifePhotos, orgLifeSessions } from './org-life.tables';

export type AttendanceValue = SessionAttendanceStatus | null;

/** A session with its org's name, type and place path (the data scope). */
export const sessionColumns = {
  session: orgLifeSessions,
  orgName: partyOrgs.name,
  orgType: partyOrgs.type,
  placePath: partyOrgs.placePath,
};

export type SessionRow = typeof orgLifeSessions.$inferSelect & { orgName: string; orgType: (typeof partyOrgs.$inferSelect)['type']; placePath: string };

const flatten = (r: { session: typeof orgLifeSessions.$inferSelect; orgName: string; orgType: SessionRow['orgType']; placePath: string }): SessionRow => ({
  ...r.session,
  orgName: r.orgName,
  orgType: r.orgType,
  placePath: r.placePath,
});

export async function findSession(db: Db, id: string, lock = false): Promise<SessionRow | undefined> {
  const query = db.select(sessionColumns).from(orgLifeSessions).innerJoin(partyOrgs, eq(partyOrgs.id, orgLifeSessions.orgId)).where(eq(orgLifeSessions.id, id));
  const [row] = lock ? await query.for('update', { of: orgLifeSessions }) : await query;
  return row ? flatten(row) : undefined;
}

export { flatten as flattenSession };

export async function findOrg(db: Db, id: string) {
  const [row] = await db.select().from(partyOrgs).where(eq(partyOrgs.id, id));
  return row;
}

/** The org and every org under it, by the parent links. */
export async function subtreeOrgIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`WITH RECURSIVE tree AS (SELECT id FROM party_orgs WHERE id = ${orgId} UNION ALL SELECT o.id FROM party_orgs o JOIN tree t ON o.parent_id = t.id) SELECT id FROM tree`,
  );
  return rows.map((r) => r.id);
}

export const subtreeCondition = (orgId: string) =>
  sql`${orgLifeSessions.orgId} IN (WITH RECURSIVE tree AS (SELECT id FROM party_orgs WHERE id = ${orgId} UNION ALL SELECT o.id FROM party_orgs o JOIN tree t ON o.parent_id = t.id) SELECT id FROM tree)`;

export async function membersOfOrgs(db: Db, orgIds: readonly string[], positions?: readonly MemberPosition[]) {
  if (orgIds.length === 0) return [];
  const conditions = [inArray(partyMembers.orgId, [...orgIds])];
  if (positions) conditions.push(inArray(partyMembers.position, [...positions]));
  return db.select({ id: partyMembers.id }).from(partyMembers).where(and(...conditions)).orderBy(asc(partyMembers.seq));
}

export async function attendeesOf(db: Db, sessionId: string) {
  return db
    .select({
      id: orgLifeAttendees.id,
      memberId: orgLifeAttendees.memberId,
      status: orgLifeAttendees.status,
      note: orgLifeAttendees.note,
      name: partyMembers.name,
      position: partyMembers.position,
      userId: partyMembers.userId,
      orgName: partyOrgs.name,
    })
    .from(orgLifeAttendees)
    .innerJoin(partyMembers, eq(partyMembers.id, orgLifeAttendees.memberId))
    .leftJoin(partyOrgs, eq(partyOrgs.id, partyMembers.orgId))
    .where(eq(orgLifeAttendees.sessionId, sessionId))
    .orderBy(asc(partyMembers.seq));
}

export async function makeUpsOf(db: Db, sessionId: string) {
  return db.select().from(orgLifeMakeUps).where(eq(orgLifeMakeUps.sessionId, sessionId));
}

export async function insertAttendees(db: Db, sessionId: string, memberIds: readonly string[]) {
  for (let i = 0; i < memberIds.length; i += 500) {
    const chunk = memberIds.slice(i, i + 500);
    await db.insert(orgLifeAttendees).values(chunk.map((memberId) => ({ sessionId, memberId }))).onConflictDoNothing();
  }
}

export interface SessionCounts {
  readonly attendeeCount: number;
  readonly presentCount: number;
  readonly excusedCount: number;
  readonly absentCount: number;
  readonly makeUpCount: number;
  readonly photoCount: number;
}

const zero: SessionCounts = { attendeeCount: 0, presentCount: 0, excusedCount: 0, absentCount: 0, makeUpCount: 0, photoCount: 0 };

/** Attendance, make-up and photo counts of a page of sessions (three grouped queries, one after another). */
export async function countsOf(db: Db, sessionIds: readonly string[]): Promise<Map<string, SessionCounts>> {
  const result = new Map<string, SessionCounts>(sessionIds.map((id) => [id, zero]));
  if (sessionIds.length === 0) return result;
  const ids = [...sessionIds];
  const attendance = await db
    .select({
      sessionId: orgLifeAttendees.sessionId,
      all: sql<number>`count(*)::int`,
      present: sql<number>`count(*) FILTER (WHERE ${orgLifeAttendees.status} = 'present')::int`,
      excused: sql<number>`count(*) FILTER (WHERE ${orgLifeAttendees.status} = 'excused')::int`,
      absent: sql<number>`count(*) FILTER (WHERE ${orgLifeAttendees.status} = 'absent')::int`,
    })
    .from(orgLifeAttendees)
    .where(inArray(orgLifeAttendees.sessionId, ids))
    .groupBy(orgLifeAttendees.sessionId);
  const makeUps = await db.select({ sessionId: orgLifeMakeUps.sessionId, n: sql<number>`count(*)::int` }).from(orgLifeMakeUps).where(inArray(orgLifeMakeUps.sessionId, ids)).groupBy(orgLifeMakeUps.sessionId);
  const photos = await db.select({ sessionId: orgLifePhotos.sessionId, n: sql<number>`count(*)::int` }).from(orgLifePhotos).where(inArray(orgLifePhotos.sessionId, ids)).groupBy(orgLifePhotos.sessionId);
  const update = (id: string, change: Partial<SessionCounts>) => result.set(id, { ...(result.get(id) ?? zero), ...change });
  for (const a of attendance) update(a.sessionId, { attendeeCount: Number(a.all), presentCount: Number(a.present), excusedCount: Number(a.excused), absentCount: Number(a.absent) });
  for (const m of makeUps) update(m.sessionId, { makeUpCount: Number(m.n) });
  for (const p of photos) update(p.sessionId, { photoCount: Number(p.n) });
  return result;
}

/** The caller's own attendance on each of these sessions, when they are a member. */
export async function attendanceOfUser(db: Db, userId: string, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return new Map<string, (typeof orgLifeAttendees.$inferSelect)['status']>();
  const rows = await db
    .select({ sessionId: orgLifeAttendees.sessionId, status: orgLifeAttendees.status })
    .from(orgLifeAttendees)
    .innerJoin(partyMembers, eq(partyMembers.id, orgLifeAttendees.memberId))
    .where(and(eq(partyMembers.userId, userId), inArray(orgLifeAttendees.sessionId, [...sessionIds])));
  return new Map(rows.map((r) => [r.sessionId, r.status]));
}

export const photoColumns = {
  id: orgLifePhotos.id,
  mime: orgLifePhotos.mime,
  width: orgLifePhotos.width,
  height: orgLifePhotos.height,
  byteSize: orgLifePhotos.byteSize,
  createdAt: orgLifePhotos.createdAt,
};
