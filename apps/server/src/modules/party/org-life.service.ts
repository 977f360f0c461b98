import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import {
  ORG_LIFE_SESSION_STATUS_LABELS,
  ORG_LIFE_SESSION_TYPE_LABELS,
  PARTY_ORG_TYPE_LABELS,
  type SessionAttendanceSheet,
  type CreateMakeUp,
  type CreateOrgLifeSession,
  type OrgLifeSession,
  type OrgLifeSessionDetail,
  type OrgLifeSessionListQuery,
  type SessionPhoto,
  type UpdateOrgLifeSession,
} from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { normalisePhoto } from '../../platform/images';
import { decodeCursor, olderThan, pageFrom } from '../../platform/pagination';
import { awardMemberScore, retractMemberScore } from './member-scores.award';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import * as repo from './org-life.repo';
import { COMMITTEE_POSITIONS, defaultAttendeesAreCommittee, scoreItemOf, typeFitsOrg } from './org-life.rules';
import { orgLifeAttendees, orgLifeMakeUps, orgLifePhotos, orgLifeSessions } from './org-life.tables';
import { chinaDay, chinaMidnight } from '../../platform/china-time';

export interface OrgLifeDeps {
  readonly db: Db;
}

const SOURCE = 'org-life-session' as const;

export function createOrgLifeService({ db }: OrgLifeDeps) {
  async function views(tx: Db, actor: Actor, rows: readonly repo.SessionRow[]): Promise<OrgLifeSession[]> {
    const ids = rows.map((r) => r.id);
    const counts = await repo.countsOf(tx, ids);
    const mine = await repo.attendanceOfUser(tx, actor.userId, ids);
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      orgId: r.orgId,
      orgName: r.orgName,
      title: r.title,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      location: r.location,
      status: r.status,
      cancelReason: r.cancelReason,
      minutes: r.minutes,
      ...counts.get(r.id)!,
      myAttendance: mine.get(r.id) ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async function detail(tx: Db, actor: Actor, row: repo.SessionRow): Promise<OrgLifeSessionDetail> {
    const [view] = await views(tx, actor, [row]);
    const attendees = await repo.attendeesOf(tx, row.id);
    const makeUps = new Map((await repo.makeUpsOf(tx, row.id)).map((m) => [m.memberId, m]));
    return {
      ...view!,
      attendees: attendees.map((a) => {
        const makeUp = makeUps.get(a.memberId);
        return { memberId: a.memberId, name: a.name, position: a.position, orgName: a.orgName, status: a.status, note: a.note, makeUp: makeUp ? { id: makeUp.id, studiedOn: makeUp.studiedOn, note: makeUp.note } : null };
      }),
    };
  }

  /** Out of the read scope is 404; readable but not writable is 403. */
  async function readable(tx: Db, actor: Actor, id: string, write = false, lock = false): Promise<repo.SessionRow> {
    const row = await repo.findSession(tx, id, lock);
    assertRecordAccess(actor, row?.placePath, 'org-life.read', write ? 'org-life.write' : undefined);
    return row!;
  }

  /** Explicit attendees must be members of the org or its sub-orgs; unknown ids are named like strangers. */
  async function checkMembersOfOrg(tx: Db, orgId: string, orgName: string, memberIds: readonly string[]): Promise<string[]> {
    const unique = [...new Set(memberIds)];
    if (unique.length === 0) return [];
    const subtree = await repo.subtreeOrgIds(tx, orgId);
    const found = await tx.select({ id: partyMembers.id }).from(partyMembers).where(and(inArray(partyMembers.id, unique), inArray(partyMembers.orgId, subtree)));
    const members = new Set(found.map((m) => m.id));
    const strangers = unique.filter((id) => !members.has(id));
    if (strangers.length > 0) {
      throw new AppError(422, 'org_life_not_org_members', { org: orgName, ids: strangers.join(', ') }, strangers.map((id) => ({ path: 'attendeeMemberIds', message: id })));
    }
    return unique;
  }

  async function defaultAttendees(tx: Db, type: CreateOrgLifeSession['type'], orgId: string): Promise<string[]> {
    if (defaultAttendeesAreCommittee(type)) return (await repo.membersOfOrgs(tx, [orgId], COMMITTEE_POSITIONS)).map((m) => m.id);
    return (await repo.membersOfOrgs(tx, await repo.subtreeOrgIds(tx, orgId))).map((m) => m.id);
  }

  const scoreReason = (row: repo.SessionRow) => `${ORG_LIFE_SESSION_TYPE_LABELS[row.type]['zh-CN']}：${row.title}`;

  /** Moves a member's automatic score from what the old status earned to what the new one earns. */
  async function rescore(tx: Db, row: repo.SessionRow, memberId: string, from: repo.AttendanceValue, to: repo.AttendanceValue) {
    const before = scoreItemOf(from);
    const after = scoreItemOf(to);
    if (before === after) return;
    if (before) await retractMemberScore(tx, { memberId, item: before, sourceType: SOURCE, sourceId: row.id });
    if (after) await awardMemberScore(tx, { memberId, item: after, sourceType: SOURCE, sourceId: row.id, occurredAt: row.startsAt, reason: scoreReason(row) });
  }

  const auditView = (r: repo.SessionRow) => ({ type: r.type, orgId: r.orgId, title: r.title, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), location: r.location, status: r.status, cancelReason: r.cancelReason });

  function notStarted(row: { startsAt: Date }, now: Date) {
    if (row.startsAt > now) throw unprocessable('org_life_session_not_started', { startsAt: `${chinaDay(row.startsAt)}` });
  }

  return {
    async list(actor: Actor, query: OrgLifeSessionListQuery) {
      const canRead = actor.permissions.has('org-life.read');
      if (!canRead && !actor.permissions.has('party.self-service')) throw forbidden();
      const conditions: SQL[] = [];
      if (query.mine === 'attending' || !canRead) {
        // A member's own sessions: where they are a required attendee, wherever the org is.
        conditions.push(
          sql`${orgLifeSessions.id} IN (SELECT a.session_id FROM org_life_attendees a JOIN party_members m ON m.id = a.member_id WHERE m.user_id = ${actor.userId})`,
        );
      } else {
        conditions.push(scopeCondition(scopeOf(actor, 'org-life.read'), partyOrgs.placePath));
      }
      if (query.orgId) {
        const org = await repo.findOrg(db, query.orgId);
        assertRecordAccess(actor, org?.placePath, 'org-life.read');
        conditions.push(repo.subtreeCondition(query.orgId));
      }
      if (query.type) conditions.push(eq(orgLifeSessions.type, query.type));
      if (query.status) conditions.push(eq(orgLifeSessions.status, query.status));
      if (query.from) conditions.push(gte(orgLifeSessions.startsAt, chinaMidnight(query.from)));
      if (query.to) conditions.push(lt(orgLifeSessions.startsAt, new Date(chinaMidnight(query.to).getTime() + 86_400_000)));
      const after = decodeCursor(query.cursor, 2)?.map(String);
      if (after) {
        const at = new Date(after[0]!);
        conditions.push(olderThan([orgLifeSessions.startsAt, orgLifeSessions.id], [at, after[1]!]));
      }
      const rows = (
        await db
          .select(repo.sessionColumns)
          .from(orgLifeSessions)
          .innerJoin(partyOrgs, eq(partyOrgs.id, orgLifeSessions.orgId))
          .where(and(...conditions))
          .orderBy(desc(orgLifeSessions.startsAt), desc(orgLifeSessions.id))
          .limit(query.limit + 1)
      ).map(repo.flattenSession);
      const page = pageFrom(rows, query.limit, (r) => [r.startsAt.toISOString(), r.id]);
      return { items: await views(db, actor, page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<OrgLifeSessionDetail> {
      return detail(db, actor, await readable(db, actor, id));
    },

    async create(actor: Actor, input: CreateOrgLifeSession, idempotencyKey: string | undefined) {
      requirePermission(actor, 'org-life.write');
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'org-life-session.create', key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          const org = await repo.findOrg(tx, input.orgId);
          assertRecordAccess(actor, org?.placePath, 'org-life.read', 'org-life.write');
          if (!typeFitsOrg(input.type, org!.type)) {
            throw unprocessable('org_life_type_not_for_org', { type: ORG_LIFE_SESSION_TYPE_LABELS[input.type][actor.locale], orgType: PARTY_ORG_TYPE_LABELS[org!.type][actor.locale] });
          }
          const startsAt = new Date(input.startsAt);
          const endsAt = new Date(input.endsAt);
          if (endsAt <= startsAt) throw unprocessable('org_life_session_times_invalid');
          const attendees = input.attendeeMemberIds ? await checkMembersOfOrg(tx, org!.id, org!.name, input.attendeeMemberIds) : await defaultAttendees(tx, input.type, org!.id);
          const [created] = await tx
            .insert(orgLifeSessions)
            .values({ type: input.type, orgId: org!.id, title: input.title, startsAt, endsAt, location: input.location || null, createdBy: actor.userId })
            .returning({ id: orgLifeSessions.id });
          await repo.insertAttendees(tx, created!.id, attendees);
          const row = (await repo.findSession(tx, created!.id))!;
          await writeAudit(tx, auditContextOf(actor), { action: 'org-life-session.create', entityType: 'org-life-session', entityId: row.id, after: { ...auditView(row), attendees: attendees.length } });
          return { status: 201, body: await detail(tx, actor, row) };
        }),
      );
    },

    async update(actor: Actor, id: string, input: UpdateOrgLifeSession, now = new Date()): Promise<OrgLifeSessionDetail> {
      return db.transaction(async (tx) => {
        const before = await readable(tx, actor, id, true, true);
        if (before.status === 'cancelled') throw conflict('org_life_session_cancelled');
        const changes: Partial<typeof orgLifeSessions.$inferInsert> = {};
        if (input.title !== undefined) changes.title = input.title;
        if (input.location !== undefined) changes.location = input.location || null;
        if (input.minutes !== undefined) changes.minutes = input.minutes?.trim() ? input.minutes : null;
        if (input.startsAt !== undefined || input.endsAt !== undefined) {
          const startsAt = input.startsAt ? new Date(input.startsAt) : before.startsAt;
          const endsAt = input.endsAt ? new Date(input.endsAt) : before.endsAt;
          if (startsAt.getTime() !== before.startsAt.getTime() || endsAt.getTime() !== before.endsAt.getTime()) {
            if (before.status !== 'planned') throw conflict('org_life_session_not_planned');
            if (endsAt <= startsAt) throw unprocessable('org_life_session_times_invalid');
            Object.assign(changes, { startsAt, endsAt });
          }
        }
        if (input.status !== undefined && input.status !== before.status) {
          const label = (s: repo.SessionRow['status']) => ORG_LIFE_SESSION_STATUS_LABELS[s][actor.locale];
          if (before.status !== 'planned') throw conflict('org_life_session_status', { from: label(before.status), to: label(input.status) });
          if (input.status === 'cancelled') {
            if (!input.cancelReason) throw unprocessable('org_life_cancel_reason_required');
            changes.cancelReason = input.cancelReason;
          } else if (input.status === 'held') {
            notStarted({ startsAt: changes.startsAt ?? before.startsAt }, now);
          } else {
            throw conflict('org_life_session_status', { from: label(before.status), to: label(input.status) });
          }
          changes.status = input.status;
        }
        if (input.attendeeMemberIds !== undefined) {
          const wanted = new Set(await checkMembersOfOrg(tx, before.orgId, before.orgName, input.attendeeMemberIds));
          const current = await repo.attendeesOf(tx, id);
          for (const gone of current.filter((a) => !wanted.has(a.memberId))) {
            await rescore(tx, before, gone.memberId, gone.status, null);
            await tx.delete(orgLifeMakeUps).where(and(eq(orgLifeMakeUps.sessionId, id), eq(orgLifeMakeUps.memberId, gone.memberId)));
            await tx.delete(orgLifeAttendees).where(eq(orgLifeAttendees.id, gone.id));
          }
          const have = new Set(current.map((a) => a.memberId));
          await repo.insertAttendees(tx, id, [...wanted].filter((m) => !have.has(m)));
        }
        if (Object.keys(changes).length > 0) await tx.update(orgLifeSessions).set({ ...changes, updatedAt: now }).where(eq(orgLifeSessions.id, id));
        if (changes.status === 'cancelled') {
          // A cancelled session scores nobody.
          for (const a of await repo.attendeesOf(tx, id)) await rescore(tx, before, a.memberId, a.status, null);
        }
        const after = (await repo.findSession(tx, id))!;
        await writeAudit(tx, auditContextOf(actor), {
          action: changes.status === 'cancelled' ? 'org-life-session.cancel' : 'org-life-session.update',
          entityType: 'org-life-session',
          entityId: id,
          before: { ...auditView(before), minutes: before.minutes },
          after: { ...auditView(after), minutes: after.minutes, ...(input.attendeeMemberIds ? { attendees: input.attendeeMemberIds.length } : {}) },
        });
        return detail(tx, actor, after);
      });
    },

    /** Replaces the attendance sheet; members left out go back to "not recorded". */
    async recordAttendance(actor: Actor, id: string, sheet: SessionAttendanceSheet, now = new Date()): Promise<OrgLifeSessionDetail> {
      return db.transaction(async (tx) => {
        const row = await readable(tx, actor, id, true, true);
        if (row.status === 'cancelled') throw conflict('org_life_session_cancelled');
        const attendees = await repo.attendeesOf(tx, id);
        const byMember = new Map(attendees.map((a) => [a.memberId, a]));
        const seen = new Set<string>();
        const duplicates = new Set<string>();
        for (const e of sheet.entries) (seen.has(e.memberId) ? duplicates : seen).add(e.memberId);
        if (duplicates.size > 0) throw unprocessable('org_life_attendance_duplicate', { ids: [...duplicates].join(', ') });
        const strangers = sheet.entries.map((e, index) => ({ e, index })).filter(({ e }) => !byMember.has(e.memberId));
        if (strangers.length > 0) {
          throw new AppError(
            422,
            'org_life_not_attendees',
            { ids: strangers.map(({ e }) => e.memberId).join(', ') },
            strangers.map(({ e, index }) => ({ path: `entries.${index}.memberId`, message: e.memberId })),
          );
        }
        notStarted(row, now);
        const entries = new Map(sheet.entries.map((e) => [e.memberId, e]));
        let changed = 0;
        for (const a of attendees) {
          const entry = entries.get(a.memberId);
          const status = entry?.status ?? null;
          const note = entry?.note || null;
          if (status === a.status && note === a.note) continue;
          changed++;
          await tx.update(orgLifeAttendees).set({ status, note, recordedAt: status ? now : null }).where(eq(orgLifeAttendees.id, a.id));
          await rescore(tx, row, a.memberId, a.status, status);
          // Make-up study is for those who missed the session.
          if (status !== 'absent' && status !== 'excused') await tx.delete(orgLifeMakeUps).where(and(eq(orgLifeMakeUps.sessionId, id), eq(orgLifeMakeUps.memberId, a.memberId)));
        }
        if (row.status === 'planned' && sheet.entries.length > 0) await tx.update(orgLifeSessions).set({ status: 'held', updatedAt: now }).where(eq(orgLifeSessions.id, id));
        const counts = (sheet: SessionAttendanceSheet['entries']) => Object.fromEntries(['present', 'excused', 'absent'].map((s) => [s, sheet.filter((e) => e.status === s).length]));
        await writeAudit(tx, auditContextOf(actor), {
          action: 'org-life-session.attendance',
          entityType: 'org-life-session',
          entityId: id,
          before: counts(attendees.flatMap((a) => (a.status ? [{ memberId: a.memberId, status: a.status }] : []))),
          after: { ...counts(sheet.entries), changed },
        });
        return detail(tx, actor, (await repo.findSession(tx, id))!);
      });
    },

    async addMakeUp(actor: Actor, id: string, input: CreateMakeUp, now = new Date()): Promise<OrgLifeSessionDetail> {
      return db.transaction(async (tx) => {
        const row = await readable(tx, actor, id, true, true);
        const [attendee] = await tx.select().from(orgLifeAttendees).where(and(eq(orgLifeAttendees.sessionId, id), eq(orgLifeAttendees.memberId, input.memberId)));
        if (!attendee) throw unprocessable('org_life_not_attendees', { ids: input.memberId });
        if (attendee.status !== 'absent' && attendee.status !== 'excused') throw unprocessable('org_life_make_up_not_absent');
        const sessionDay = chinaDay(row.startsAt);
        const today = chinaDay(now);
        if (input.studiedOn < sessionDay || input.studiedOn > today) throw unprocessable('org_life_make_up_date_invalid', { from: sessionDay, to: today });
        const inserted = await tx
          .insert(orgLifeMakeUps)
          .values({ sessionId: id, memberId: input.memberId, studiedOn: input.studiedOn, note: input.note || null, recordedBy: actor.userId })
          .onConflictDoNothing()
          .returning({ id: orgLifeMakeUps.id });
        if (inserted.length === 0) throw conflict('org_life_make_up_exists');
        await writeAudit(tx, auditContextOf(actor), { action: 'org-life-session.make-up', entityType: 'org-life-session', entityId: id, after: { memberId: input.memberId, studiedOn: input.studiedOn } });
        return detail(tx, actor, row);
      });
    },

    /** Checked before an upload is read, so outsiders learn nothing and cost nothing. */
    async assertWritable(actor: Actor, id: string): Promise<void> {
      await readable(db, actor, id, true);
    },

    async uploadPhoto(actor: Actor, id: string, bytes: Buffer): Promise<SessionPhoto> {
      const photo = await normalisePhoto(bytes);
      return db.transaction(async (tx) => {
        await readable(tx, actor, id, true);
        const [row] = await tx
          .insert(orgLifePhotos)
          .values({ sessionId: id, uploaderUserId: actor.userId, mime: photo.mime, width: photo.width, height: photo.height, byteSize: photo.data.length, data: photo.data })
          .returning(repo.photoColumns);
        await writeAudit(tx, auditContextOf(actor), { action: 'org-life-session.photo', entityType: 'org-life-session', entityId: id, after: { photoId: row!.id, byteSize: row!.byteSize } });
        return { ...row!, createdAt: row!.createdAt.toISOString() };
      });
    },

    async photos(actor: Actor, id: string): Promise<SessionPhoto[]> {
      await readable(db, actor, id);
      const rows = await db.select(repo.photoColumns).from(orgLifePhotos).where(eq(orgLifePhotos.sessionId, id)).orderBy(orgLifePhotos.createdAt);
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    },

    /** The image itself, for readers of its session only. */
    async photo(actor: Actor, id: string, photoId: string) {
      await readable(db, actor, id);
      const [row] = await db.select({ mime: orgLifePhotos.mime, data: orgLifePhotos.data }).from(orgLifePhotos).where(and(eq(orgLifePhotos.id, photoId), eq(orgLifePhotos.sessionId, id)));
      if (!row) throw notFound();
      return row;
    },
  };
}

export type OrgLifeService = ReturnType<typeof createOrgLifeService>;
