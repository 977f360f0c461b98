import { and, eq, ne, sql } from 'drizzle-orm';
import {
  maskPhone,
  type CreatePartyMember,
  type CreatePartyMemberTransfer,
  type MemberStages,
  type PartyAnniversaryList,
  type PartyMember,
  type PartyMemberListQuery,
  type PartyMemberTransfer,
  type UpdatePartyMember,
} from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import type { DataCipher } from '../../platform/crypto';
import { conflict, unprocessable } from '../../platform/errors';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';
import { exportPartyMembers } from './party-members.export';
import * as repo from './party-members.repo';
import { anniversaryIn, checkMemberRules, comingMonth } from './party-members.rules';
import { partyMembers } from './party-members.tables';
import { auditViewOf, stagesOf, timelineOf, toPartyMember, toTransfer } from './party-members.views';
import { findOrg } from './party.repo';
import { chinaDay } from '../../platform/china-time';

export interface PartyMembersDeps {
  readonly db: Db;
  readonly cipher: DataCipher;
  readonly places: PlacesService;
  readonly residents: ResidentsService;
}

type ListQuery = z.output<typeof PartyMemberListQuery>;
export type MemberFilters = Omit<ListQuery, 'cursor' | 'limit'>;

/** Name, gender and phone of a member: from the linked resident record, or as entered. */
interface Person {
  readonly residentId: string | null;
  readonly userId: string | null;
  readonly name: string;
  readonly gender: 'male' | 'female' | null;
  readonly phoneEnc: string | null;
  readonly phoneMasked: string | null;
}

/** 党员名册: member records, transfers (组织关系转接), timeline, anniversaries and the register export. */
export function createPartyMembersService({ db, cipher, places, residents }: PartyMembersDeps) {
  async function views(tx: Db, rows: readonly repo.PartyMemberRow[]): Promise<PartyMember[]> {
    const names = await places.namesOf([...new Set(rows.map((r) => r.placeId))], tx);
    const today = chinaDay();
    return rows.map((r) => toPartyMember(r, names.get(r.placeId) ?? '', today));
  }

  /** Out of the read scope: 404; readable but not writable: 403. A member may always read their own record. */
  async function readable(tx: Db, actor: Actor, id: string, write = false): Promise<repo.PartyMemberRow> {
    const row = await repo.findMember(tx, id);
    if (row && !write && row.userId === actor.userId) return row;
    assertRecordAccess(actor, row?.placePath, 'party-member.read', write ? 'party-member.write' : undefined);
    return row!;
  }

  /** An org as an id filter or a target: outside the actor's scope for `read` it does not exist. */
  async function orgIn(tx: Db, actor: Actor, orgId: string, read: 'party-member.read' | 'party-org.read', write?: 'party-member.write') {
    const org = await findOrg(tx, orgId);
    assertRecordAccess(actor, org?.placePath, read, write);
    return org!;
  }

  /** The linked resident (in the actor's resident scope), with the account that is theirs. */
  async function personFromResident(tx: Db, actor: Actor, residentId: string, exceptMemberId?: string): Promise<Person> {
    const resident = await residents.readable(actor, residentId, tx);
    if (resident.status !== 'active') throw unprocessable('party_member_resident_inactive');
    const userId = (await residents.userIdOf(residentId, tx)) ?? null;
    await assertUnique(tx, { residentId, userId }, exceptMemberId);
    return { residentId, userId, name: resident.name, gender: resident.gender, phoneEnc: null, phoneMasked: resident.phoneMasked };
  }

  /** One member record per resident and per account: a clear 409 before the unique index would refuse. */
  async function assertUnique(tx: Db, keys: { residentId: string | null; userId: string | null }, exceptMemberId?: string) {
    const others = exceptMemberId ? ne(partyMembers.id, exceptMemberId) : sql`true`;
    if (keys.residentId) {
      const existing = await repo.findMemberWhere(tx, and(eq(partyMembers.residentId, keys.residentId), others)!);
      if (existing) throw conflict('party_member_duplicate_resident', { name: existing.name });
    }
    if (keys.userId) {
      const existing = await repo.findMemberWhere(tx, and(eq(partyMembers.userId, keys.userId), others)!);
      if (existing) throw conflict('party_member_duplicate_user', { name: existing.name });
    }
  }

  function sealedPhone(phone: string | null | undefined) {
    if (!phone) return { phoneEnc: null, phoneMasked: null };
    const normalized = phone.replace(/[\s-]/g, '');
    return { phoneEnc: cipher.encrypt(normalized), phoneMasked: maskPhone(normalized) };
  }

  const personalFieldsGiven = (input: { name?: unknown; gender?: unknown; phone?: unknown }) => input.name !== undefined || input.gender !== undefined || input.phone !== undefined;

  function mergedStages(current: MemberStages, input: z.output<typeof UpdatePartyMember>['stages']): MemberStages {
    const pick = (key: keyof MemberStages) => (input?.[key] !== undefined ? input[key] : current[key]);
    return { appliedOn: pick('appliedOn'), activistOn: pick('activistOn'), candidateOn: pick('candidateOn'), probationaryOn: pick('probationaryOn'), fullOn: pick('fullOn') };
  }

  async function list(actor: Actor, query: ListQuery) {
    requirePermission(actor, 'party-member.read');
    if (query.orgId) await orgIn(db, actor, query.orgId, 'party-member.read');
    const after = decodeCursor(query.cursor, 1);
    const { rows, total } = await repo.listMembers(db, {
      scope: scopeOf(actor, 'party-member.read'),
      orgId: query.orgId,
      type: query.type,
      status: query.status,
      q: query.q || undefined,
      afterSeq: after ? Number(after[0]) : undefined,
      limit: query.limit,
    });
    const page = pageFrom(rows, query.limit, (r) => [r.seq]);
    return { items: await views(db, page.items), nextCursor: page.nextCursor, total };
  }

  return {
    list,

    async get(actor: Actor, id: string): Promise<PartyMember> {
      const [view] = await views(db, [await readable(db, actor, id)]);
      return view!;
    },

    async create(actor: Actor, input: z.output<typeof CreatePartyMember>): Promise<PartyMember> {
      return db.transaction(async (tx) => {
        const org = await orgIn(tx, actor, input.orgId, 'party-member.read', 'party-member.write');
        let person: Person;
        if (input.residentId) {
          if (personalFieldsGiven(input)) throw unprocessable('party_member_resident_fields');
          person = await personFromResident(tx, actor, input.residentId);
        } else {
          if (!input.name) throw unprocessable('party_member_name_required');
          person = { residentId: null, userId: null, name: input.name, gender: input.gender ?? null, ...sealedPhone(input.phone) };
        }
        const stages = mergedStages({ appliedOn: null, activistOn: null, candidateOn: null, probationaryOn: null, fullOn: null }, input.stages);
        const details = {
          employer: input.employer ?? null,
          homeOrgName: input.homeOrgName ?? null,
          mobileWhereabouts: input.mobileWhereabouts ?? null,
          mobileContact: input.mobileContact ?? null,
        };
        checkMemberRules({ status: input.status, type: input.type, stages, ...details }, actor.locale);
        const id = await repo.insertMember(tx, {
          orgId: org.id,
          placeId: org.placeId,
          placePath: org.placePath,
          ...person,
          status: input.status,
          type: input.type,
          position: input.position ?? null,
          ...stages,
          ...details,
        });
        const created = (await repo.findMember(tx, id))!;
        await writeAudit(tx, auditContextOf(actor), { action: 'party-member.create', entityType: 'party-member', entityId: id, after: auditViewOf(created) });
        const [view] = await views(tx, [created]);
        return view!;
      });
    },

    async update(actor: Actor, id: string, input: z.output<typeof UpdatePartyMember>): Promise<PartyMember> {
      return db.transaction(async (tx) => {
        const before = await readable(tx, actor, id, true);
        const linking = input.residentId !== undefined ? input.residentId : before.residentId;
        if (linking && personalFieldsGiven(input)) throw unprocessable('party_member_resident_fields');
        let person: Partial<Person> = {};
        if (input.residentId && input.residentId !== before.residentId) {
          const linked = await personFromResident(tx, actor, input.residentId, id);
          // An account already on the record (an enrolled member's) stays unless the resident brings one.
          person = { ...linked, userId: linked.userId ?? before.userId };
        } else if (input.residentId === null) {
          person = { residentId: null };
        } else if (!linking) {
          if (input.name !== undefined) person = { ...person, name: input.name };
          if (input.gender !== undefined) person = { ...person, gender: input.gender };
          if (input.phone !== undefined) person = { ...person, ...sealedPhone(input.phone) };
        }
        const pick = <K extends 'employer' | 'homeOrgName' | 'mobileWhereabouts' | 'mobileContact'>(key: K) => (input[key] !== undefined ? (input[key] ?? null) : before[key]);
        const details = { employer: pick('employer'), homeOrgName: pick('homeOrgName'), mobileWhereabouts: pick('mobileWhereabouts'), mobileContact: pick('mobileContact') };
        const stages = mergedStages(stagesOf(before), input.stages);
        const status = input.status ?? before.status;
        const type = input.type ?? before.type;
        checkMemberRules({ status, type, stages, ...details }, actor.locale);
        await repo.updateMember(tx, id, { ...person, status, type, position: input.position !== undefined ? input.position : before.position, ...stages, ...details });
        const after = (await repo.findMember(tx, id))!;
        await writeAudit(tx, auditContextOf(actor), { action: 'party-member.update', entityType: 'party-member', entityId: id, before: auditViewOf(before), after: auditViewOf(after) });
        const [view] = await views(tx, [after]);
        return view!;
      });
    },

    /** 组织关系转接: the member's org and place follow; the position held in the old org ends. */
    async transfer(actor: Actor, id: string, input: z.output<typeof CreatePartyMemberTransfer>): Promise<PartyMemberTransfer> {
      return db.transaction(async (tx) => {
        const member = await readable(tx, actor, id, true);
        if (Boolean(input.toOrgId) === Boolean(input.toOrgName)) throw unprocessable('party_member_transfer_target');
        if (input.transferredOn > chinaDay()) throw unprocessable('party_member_transfer_future');
        const target = input.toOrgId ? await orgIn(tx, actor, input.toOrgId, 'party-org.read') : undefined;
        if (target && target.id === member.orgId) throw unprocessable('party_member_transfer_same_org', { name: target.name });
        const transfer = await repo.insertTransfer(tx, {
          memberId: id,
          fromOrgId: member.orgId,
          fromOrgName: member.orgName ?? member.homeOrgName,
          toOrgId: target?.id ?? null,
          toOrgName: target?.name ?? input.toOrgName!,
          transferredOn: input.transferredOn,
          reason: input.reason,
          createdBy: actor.userId,
        });
        await repo.updateMember(
          tx,
          id,
          target
            ? { orgId: target.id, placeId: target.placeId, placePath: target.placePath, position: null }
            : // Out of the system: the record stays where it was, naming the org it went to.
              { orgId: null, homeOrgName: input.toOrgName!, position: null },
        );
        await writeAudit(tx, auditContextOf(actor), { action: 'party-member.transfer', entityType: 'party-member', entityId: id, before: { orgId: member.orgId }, after: toTransfer(transfer) });
        return toTransfer(transfer);
      });
    },

    async timeline(actor: Actor, id: string) {
      const member = await readable(db, actor, id);
      const transfers = (await repo.transfersOf(db, id)).map(toTransfer);
      const trail = await repo.auditTrailOf(db, id);
      return { items: timelineOf(member, transfers, trail) };
    },

    /** 政治生日 of a month (default the coming one), within the actor's scope and optionally one org's subtree. */
    async anniversaries(actor: Actor, query: { orgId?: string; month?: string }): Promise<PartyAnniversaryList> {
      requirePermission(actor, 'party-member.read');
      if (query.orgId) await orgIn(db, actor, query.orgId, 'party-member.read');
      const month = query.month ?? comingMonth(chinaDay());
      const year = Number(month.slice(0, 4));
      const inOrg = query.orgId ? sql`${partyMembers.orgId} IN ${repo.orgSubtree([query.orgId])}` : sql`true`;
      const rows = await repo.membersWithAnniversaryIn(db, Number(month.slice(5, 7)), year, and(scopeCondition(scopeOf(actor, 'party-member.read'), partyMembers.placePath), inOrg)!);
      return {
        month,
        items: rows.map((r) => ({
          memberId: r.id,
          name: r.name,
          orgId: r.orgId,
          orgName: r.orgName,
          joinedOn: r.probationaryOn!,
          date: anniversaryIn(r.probationaryOn!, year),
          years: year - Number(r.probationaryOn!.slice(0, 4)),
        })),
      };
    },

    /** For other party features (no access check: they check their own scope). */
    brief: async (tx: Db, memberId: string) => {
      const row = await repo.findMember(tx, memberId);
      return row ? { id: row.id, name: row.name, orgId: row.orgId, orgName: row.orgName, userId: row.userId, residentId: row.residentId, status: row.status, type: row.type, position: row.position, placeId: row.placeId, placePath: row.placePath } : undefined;
    },
    membersOfOrgs: (tx: Db, orgIds: readonly string[]) => repo.membersOfOrgs(tx, orgIds),
    /** The member record of a signed-in user, if they have one. */
    memberOfUser: async (tx: Db, userId: string) => (await repo.findMemberWhere(tx, eq(partyMembers.userId, userId)))?.id,
    /** Encrypts and masks a phone entered for a member without a resident record (seeds write rows in bulk). */
    sealPhone: (phone: string) => sealedPhone(phone),
    /** The filtered register as an xlsx file (audited). */
    exportRegister: (actor: Actor, filters: MemberFilters) => exportPartyMembers(db, list, actor, filters),
  };
}

export type PartyMembersService = ReturnType<typeof createPartyMembersService>;

