import { and, asc, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { ROLE_PERMISSIONS, maskPhone, type CreateEnrolment, type Enrolment, type EnrolmentListQuery, type HomeCommunity } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { DataCipher } from '../../platform/crypto';
import { assertRecordAccess, auditContextOf, requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import type { NotificationsService } from '../../platform/notifications.service';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';
import { awardMemberScore, memberIdOfUser } from './member-scores.award';
import { partyEnrolments } from './enrolments.tables';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { placeFilterPath, under } from './service-posts.rules';

type EnrolmentRow = typeof partyEnrolments.$inferSelect;

export interface EnrolmentsDeps {
  readonly db: Db;
  readonly cipher: DataCipher;
  readonly places: PlacesService;
  readonly residents: ResidentsService;
  readonly notifications: NotificationsService;
}

const normalizedPhone = (phone: string) => phone.replace(/[\s-]/g, '');

/** 在职党员到社区报到: self-service application, approval by the community (creating the member record), rejection. */
export function createEnrolmentsService({ db, cipher, places, residents, notifications }: EnrolmentsDeps) {
  async function views(tx: Db, rows: readonly EnrolmentRow[]): Promise<Enrolment[]> {
    const communities = await places.namesOf([...new Set(rows.map((r) => r.communityId))], tx);
    return rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      name: r.name,
      communityId: r.communityId,
      communityName: communities.get(r.communityId) ?? '',
      employer: r.employer,
      homeOrgName: r.homeOrgName,
      status: r.status,
      probationaryOn: r.probationaryOn,
      fullOn: r.fullOn,
      phone: r.phoneMasked,
      note: r.note,
      state: r.state,
      rejectReason: r.rejectReason,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      memberId: r.memberId,
      points: r.points,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** Locks the enrolment and checks the approver's scope: outside it 404, as if it did not exist. */
  async function pendingForDecision(tx: Db, actor: Actor, id: string): Promise<EnrolmentRow> {
    const [row] = await tx.select().from(partyEnrolments).where(eq(partyEnrolments.id, id)).for('update');
    assertRecordAccess(actor, row?.placePath, 'enrolment.approve');
    if (row!.state !== 'pending') throw conflict('enrolment_decided');
    return row!;
  }

  return {
    /** Encrypted and masked phone, as enrolments and member records store it (the demo seed writes rows directly). */
    sealPhone(phone: string) {
      const normalized = normalizedPhone(phone);
      return { phoneEnc: cipher.encrypt(normalized), phoneMasked: maskPhone(normalized) };
    },

    /** The communities above the places of the user's self-service roles (a resident's household sits in one). */
    async homeCommunities(actor: Actor): Promise<HomeCommunity[]> {
      requirePermission(actor, 'party.self-service');
      const found = new Map<string, string>();
      for (const grant of actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('party.self-service'))) {
        const place = await places.findById(grant.placeId);
        const community = place ? (await places.lineage(place)).find((p) => p.type === 'community') : undefined;
        if (community) found.set(community.id, community.name);
      }
      return [...found].map(([id, name]) => ({ id, name }));
    },

    async create(actor: Actor, input: z.output<typeof CreateEnrolment>, idempotencyKey: string | undefined) {
      requirePermission(actor, 'party.self-service');
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'enrolment.create', key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          const community = await places.findById(input.communityId, tx);
          if (!community) throw notFound();
          if (community.type !== 'community') throw unprocessable('enrolment_place_not_community');
          if (input.status === 'full' && !input.fullOn) throw unprocessable('enrolment_full_on_required');
          if (input.status === 'probationary' && !input.probationaryOn) throw unprocessable('enrolment_probationary_on_required');
          const residentId = (await residents.residentIdOf(actor.userId, tx)) ?? null;
          if (await memberIdOfUser(tx, actor.userId)) throw conflict('enrolment_already_member');
          if (residentId) {
            const [asResident] = await tx.select({ id: partyMembers.id }).from(partyMembers).where(eq(partyMembers.residentId, residentId));
            if (asResident) throw conflict('enrolment_already_member');
          }
          const [live] = await tx.select({ id: partyEnrolments.id }).from(partyEnrolments).where(and(eq(partyEnrolments.userId, actor.userId), sql`${partyEnrolments.state} <> 'rejected'`));
          if (live) throw conflict('enrolment_duplicate');
          const person = residentId ? await residents.brief(residentId, tx) : undefined;
          const name = person?.name ?? input.name;
          if (!name) throw unprocessable('enrolment_name_required');
          const phone = normalizedPhone(input.phone);
          const [row] = await tx
            .insert(partyEnrolments)
            .values({
              userId: actor.userId,
              residentId,
              communityId: community.id,
              placePath: community.path,
              name,
              phoneEnc: cipher.encrypt(phone),
              phoneMasked: maskPhone(phone),
              employer: input.employer,
              homeOrgName: input.homeOrgName,
              status: input.status,
              probationaryOn: input.probationaryOn ?? null,
              fullOn: input.status === 'full' ? (input.fullOn ?? null) : null,
              note: input.note ?? null,
            })
            .returning();
          await writeAudit(tx, auditContextOf(actor), { action: 'enrolment.create', entityType: 'party_enrolment', entityId: row!.id, after: { communityId: community.id, employer: input.employer, homeOrgName: input.homeOrgName, status: input.status } });
          return { status: 201, body: (await views(tx, [row!]))[0]! };
        }),
      );
    },

    /** Approvers see the enrolments of their communities; everyone sees their own. */
    async list(actor: Actor, query: z.output<typeof EnrolmentListQuery>) {
      if (!actor.permissions.has('enrolment.approve') && !actor.permissions.has('party.self-service')) throw forbidden();
      const scope = scopeOf(actor, 'enrolment.approve');
      const own = eq(partyEnrolments.userId, actor.userId);
      const c: SQL[] = [query.mine ? own : or(scopeCondition(scope, partyEnrolments.placePath), own)!];
      if (query.communityId) {
        const path = await placeFilterPath(places, db, query.communityId, scope.paths);
        c.push(sql`${partyEnrolments.placePath} LIKE ${under(path)}`);
      }
      if (query.state) c.push(eq(partyEnrolments.state, query.state));
      const after = decodeCursor(query.cursor, 1);
      // The approval queue reads oldest first; a decided list newest first.
      const oldestFirst = query.state === 'pending';
      if (after) c.push(oldestFirst ? sql`${partyEnrolments.seq} > ${Number(after[0])}` : lt(partyEnrolments.seq, Number(after[0])));
      const rows = await db
        .select()
        .from(partyEnrolments)
        .where(and(...c))
        .orderBy(oldestFirst ? asc(partyEnrolments.seq) : desc(partyEnrolments.seq))
        .limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.seq]);
      return { items: await views(db, page.items), nextCursor: page.nextCursor };
    },

    /**
     * Creates the in-service member record under the community's party committee, awards the
     * enrolment score and tells the applicant, all in one transaction.
     */
    async approve(actor: Actor, id: string): Promise<Enrolment> {
      return db.transaction(async (tx) => {
        const row = await pendingForDecision(tx, actor, id);
        const [org] = await tx
          .select()
          .from(partyOrgs)
          .where(and(eq(partyOrgs.placeId, row.communityId), eq(partyOrgs.type, 'community_committee')))
          .orderBy(asc(partyOrgs.seq))
          .limit(1);
        if (!org) throw unprocessable('enrolment_no_community_org');
        const residentTaken = row.residentId ? (await tx.select({ id: partyMembers.id }).from(partyMembers).where(eq(partyMembers.residentId, row.residentId)))[0] : undefined;
        if ((await memberIdOfUser(tx, row.userId)) || residentTaken) throw conflict('enrolment_already_member');
        const [member] = await tx
          .insert(partyMembers)
          .values({
            orgId: org.id,
            placeId: org.placeId,
            placePath: org.placePath,
            residentId: row.residentId,
            userId: row.userId,
            name: row.name,
            phoneEnc: row.phoneEnc,
            phoneMasked: row.phoneMasked,
            status: row.status,
            type: 'in_service',
            probationaryOn: row.probationaryOn,
            fullOn: row.fullOn,
            employer: row.employer,
            homeOrgName: row.homeOrgName,
          })
          .returning({ id: partyMembers.id });
        const now = new Date();
        const points = await awardMemberScore(tx, { memberId: member!.id, item: 'enrolment', sourceType: 'enrolment', sourceId: row.id, occurredAt: now, reason: `到社区报到：${org.name}` });
        const [updated] = await tx
          .update(partyEnrolments)
          .set({ state: 'approved', decidedBy: actor.userId, decidedAt: now, memberId: member!.id, points })
          .where(eq(partyEnrolments.id, row.id))
          .returning();
        await notifications.send(tx, [
          {
            userId: row.userId,
            kind: 'enrolment-approved',
            title: '报到申请已通过',
            body: points > 0 ? `您已到${org.name}报到，获得党员积分 ${points} 分。可以认领社区服务岗位了。` : `您已到${org.name}报到，可以认领社区服务岗位了。`,
            link: '/party/posts',
            dedupeKey: `enrolment-approved:${row.id}`,
          },
        ]);
        await writeAudit(tx, auditContextOf(actor), { action: 'enrolment.approve', entityType: 'party_enrolment', entityId: row.id, before: { state: 'pending' }, after: { state: 'approved', memberId: member!.id, orgId: org.id, points } });
        return (await views(tx, [updated!]))[0]!;
      });
    },

    async reject(actor: Actor, id: string, reason: string): Promise<Enrolment> {
      return db.transaction(async (tx) => {
        const row = await pendingForDecision(tx, actor, id);
        const [updated] = await tx
          .update(partyEnrolments)
          .set({ state: 'rejected', rejectReason: reason, decidedBy: actor.userId, decidedAt: new Date() })
          .where(eq(partyEnrolments.id, row.id))
          .returning();
        await notifications.send(tx, [
          { userId: row.userId, kind: 'enrolment-rejected', title: '报到申请未通过', body: `原因：${reason}。如有疑问请联系社区。`, link: '/party/enrol', dedupeKey: `enrolment-rejected:${row.id}` },
        ]);
        await writeAudit(tx, auditContextOf(actor), { action: 'enrolment.reject', entityType: 'party_enrolment', entityId: row.id, before: { state: 'pending' }, after: { state: 'rejected', reason } });
        return (await views(tx, [updated!]))[0]!;
      });
    },
  };
}

export type EnrolmentsService = ReturnType<typeof createEnrolmentsService>;
