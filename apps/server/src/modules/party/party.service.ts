import { PARTY_ORG_CHILDREN, PARTY_ORG_TYPE_LABELS, type CreatePartyOrg, type PartyOrg, type PartyOrgType, type UpdatePartyOrg } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, unprocessable } from '../../platform/errors';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import { memberCounts as countMembersOf } from './party-members.repo';
import * as repo from './party.repo';

export interface PartyDeps {
  readonly db: Db;
  readonly places: PlacesService;
}

export interface PartyOrgListQuery {
  readonly parentId?: string;
  readonly type?: PartyOrgType;
  readonly placeId?: string;
  readonly cursor?: string;
  readonly limit: number;
}

export function createPartyService({ db, places }: PartyDeps) {
  async function toView(tx: Db, rows: repo.PartyOrgRow[]): Promise<PartyOrg[]> {
    const placeNames = await places.namesOf([...new Set(rows.map((r) => r.placeId))], tx);
    const memberCounts = await countMembersOf(tx, rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      parentId: r.parentId,
      type: r.type,
      name: r.name,
      isJointCommittee: r.isJointCommittee,
      branchKind: r.branchKind,
      placeId: r.placeId,
      placeName: placeNames.get(r.placeId) ?? '',
      childCount: Number(r.childCount),
      memberCount: memberCounts.get(r.id) ?? 0,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** Out of the read scope is 404 (also without the permission at all); readable but not writable is 403. */
  async function readable(tx: Db, actor: Actor, id: string, write = false) {
    const org = await repo.findOrg(tx, id);
    assertRecordAccess(actor, org?.placePath, 'party-org.read', write ? 'party-org.write' : undefined);
    return org!;
  }

  const auditView = (o: repo.PartyOrgRow) => ({ name: o.name, type: o.type, parentId: o.parentId, placeId: o.placeId, isJointCommittee: o.isJointCommittee, branchKind: o.branchKind });

  return {
    async list(actor: Actor, query: PartyOrgListQuery) {
      requirePermission(actor, 'party-org.read');
      const scope = scopeOf(actor, 'party-org.read');
      if (query.parentId) await readable(db, actor, query.parentId);
      // Like every other id filter: a place outside the scope answers 404, not an empty page.
      if (query.placeId) assertRecordAccess(actor, (await places.findById(query.placeId))?.path, 'party-org.read');
      const after = decodeCursor(query.cursor, 1);
      const { rows, total } = await repo.listOrgs(db, {
        scope,
        parentId: query.parentId ?? (query.type || query.placeId ? undefined : null),
        type: query.type,
        placeId: query.placeId,
        afterSeq: after ? Number(after[0]) : undefined,
        limit: query.limit,
      });
      const page = pageFrom(rows, query.limit, (r) => [r.seq]);
      return { items: await toView(db, page.items), nextCursor: page.nextCursor, total };
    },

    async get(actor: Actor, id: string) {
      const [view] = await toView(db, [await readable(db, actor, id)]);
      return view!;
    },

    async create(actor: Actor, input: CreatePartyOrg): Promise<PartyOrg> {
      return db.transaction(async (tx) => {
        const place = await places.findById(input.placeId, tx);
        assertRecordAccess(actor, place?.path, 'place.read');
        assertRecordAccess(actor, place!.path, 'party-org.read', 'party-org.write');
        if (input.parentId) {
          const parent = await readable(tx, actor, input.parentId);
          if (!PARTY_ORG_CHILDREN[parent.type].includes(input.type)) {
            throw unprocessable('party_org_type_not_allowed', { parentType: PARTY_ORG_TYPE_LABELS[parent.type][actor.locale], childType: PARTY_ORG_TYPE_LABELS[input.type][actor.locale] });
          }
          if (!place!.path.startsWith(parent.placePath)) throw unprocessable('party_org_place_mismatch');
        } else if (input.type !== 'working_committee') {
          throw unprocessable('party_org_type_not_allowed', { parentType: '—', childType: PARTY_ORG_TYPE_LABELS[input.type][actor.locale] });
        }
        const id = await repo.insertOrg(tx, {
          parentId: input.parentId,
          type: input.type,
          name: input.name,
          isJointCommittee: input.type === 'community_committee' ? (input.isJointCommittee ?? false) : false,
          branchKind: input.type === 'branch' ? (input.branchKind ?? 'grid') : null,
          placeId: place!.id,
          placePath: place!.path,
        });
        const created = (await repo.findOrg(tx, id))!;
        await writeAudit(tx, auditContextOf(actor), { action: 'party-org.create', entityType: 'party-org', entityId: id, after: auditView(created) });
        const [view] = await toView(tx, [created]);
        return view!;
      });
    },

    async update(actor: Actor, id: string, input: UpdatePartyOrg): Promise<PartyOrg> {
      return db.transaction(async (tx) => {
        const before = await readable(tx, actor, id, true);
        await repo.updateOrg(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.isJointCommittee !== undefined && before.type === 'community_committee' ? { isJointCommittee: input.isJointCommittee } : {}),
          ...(input.branchKind !== undefined && before.type === 'branch' ? { branchKind: input.branchKind } : {}),
        });
        const after = (await repo.findOrg(tx, id))!;
        await writeAudit(tx, auditContextOf(actor), { action: 'party-org.update', entityType: 'party-org', entityId: id, before: auditView(before), after: auditView(after) });
        const [view] = await toView(tx, [after]);
        return view!;
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const org = await readable(tx, actor, id, true);
        if (org.childCount > 0) throw conflict('party_org_has_children', { count: org.childCount });
        // Members and session records are history: they move (transfers) or stay, they are never deleted with the org.
        const { members, sessions } = await repo.countOrgRecords(tx, id);
        if (members + sessions > 0) throw conflict('party_org_has_records', { members, sessions });
        await repo.deleteOrg(tx, id);
        await writeAudit(tx, auditContextOf(actor), { action: 'party-org.delete', entityType: 'party-org', entityId: id, before: auditView(org) });
      });
    },

    /** For seeds: create without an actor. */
    async createSystem(tx: Db, row: { parentId: string | null; type: PartyOrgType; name: string; placeId: string; placePath: string; isJointCommittee?: boolean; branchKind?: 'grid' | 'estate' | null }) {
      return repo.insertOrg(tx, { ...row, isJointCommittee: row.isJointCommittee ?? false, branchKind: row.branchKind ?? null });
    },

  };
}

export type PartyService = ReturnType<typeof createPartyService>;
