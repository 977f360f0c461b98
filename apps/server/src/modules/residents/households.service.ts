import { z } from 'zod';
import type { CreateHousehold, Household, HouseholdListQuery, Place, UpdateHousehold } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, unprocessable } from '../../platform/errors';
import type { PlacesService } from '../places/places.service';
import * as repo from './residents.repo';

export interface HouseholdsDeps {
  readonly db: Db;
  readonly places: PlacesService;
}

export interface HouseholdPlace {
  readonly place: Place;
  readonly id: string;
  readonly path: string;
  readonly buildingId: string;
  readonly headResidentId: string | null;
}

/** The household place with this id (a place of type `household`), or undefined. */
export async function findHousehold(places: PlacesService, tx: Db, id: string): Promise<HouseholdPlace | undefined> {
  const place = await places.findById(id, tx);
  if (!place || place.type !== 'household' || !place.parentId) return undefined;
  const attributes = (await repo.householdAttributes(tx, [id])).get(id);
  return { place, id, path: place.path, buildingId: place.parentId, headResidentId: attributes?.headResidentId ?? null };
}

/** Household views of household places: their attributes, building and member count. */
async function householdViews(places: PlacesService, tx: Db, list: readonly Place[]): Promise<Household[]> {
  const ids = list.map((p) => p.id);
  const attributes = await repo.householdAttributes(tx, ids);
  const members = await repo.memberCountsOf(tx, ids);
  const buildings = new Map((await places.findByIds([...new Set(list.map((p) => p.parentId!))], tx)).map((b) => [b.id, b]));
  return list.map((p) => {
    const a = attributes.get(p.id);
    return {
      id: p.id,
      name: p.name,
      code: p.code,
      buildingId: p.parentId!,
      buildingName: buildings.get(p.parentId!)?.name ?? '',
      path: p.path,
      headResidentId: a?.headResidentId ?? null,
      headName: a?.headName ?? null,
      memberCount: members.get(p.id) ?? 0,
      registeredAddress: a?.registeredAddress ?? null,
      notes: a?.notes ?? null,
      createdAt: p.createdAt,
    };
  });
}

const auditView = (h: Household) => ({ name: h.name, code: h.code, buildingId: h.buildingId, headResidentId: h.headResidentId, registeredAddress: h.registeredAddress, notes: h.notes });

/** A household is a place of type `household` (building → household); the register keeps its attributes beside it. */
export function createHouseholdsService({ db, places }: HouseholdsDeps) {
  async function readable(tx: Db, actor: Actor, id: string, write = false): Promise<Household> {
    const household = await findHousehold(places, tx, id);
    assertRecordAccess(actor, household?.path, 'resident.read', write ? 'resident.write' : undefined);
    const [view] = await householdViews(places, tx, [household!.place]);
    return view!;
  }

  const reload = async (tx: Db, id: string) => (await householdViews(places, tx, [(await places.findById(id, tx))!]))[0]!;

  return {
    async list(actor: Actor, query: z.infer<typeof HouseholdListQuery>) {
      requirePermission(actor, 'resident.read');
      let pathPrefix: string | undefined;
      for (const placeId of [query.buildingId, query.placeId]) {
        if (!placeId) continue;
        const place = await places.findById(placeId);
        assertRecordAccess(actor, place?.path, 'resident.read');
        if (!pathPrefix || place!.path.length > pathPrefix.length) pathPrefix = place!.path;
      }
      const page = await places.listInScope(scopeOf(actor, 'resident.read'), { type: 'household', parentId: query.buildingId, under: pathPrefix, q: query.q, cursor: query.cursor, limit: query.limit });
      return { items: await householdViews(places, db, page.items), nextCursor: page.nextCursor, total: page.total };
    },

    async get(actor: Actor, id: string): Promise<Household> {
      return readable(db, actor, id);
    },

    async create(actor: Actor, input: CreateHousehold): Promise<Household> {
      return db.transaction(async (tx) => {
        const building = await places.findById(input.buildingId, tx);
        assertRecordAccess(actor, building?.path, 'resident.read', 'resident.write');
        if (building!.type !== 'building') throw unprocessable('household_not_a_building');
        const place = await places.createChildIn(tx, building!.id, { type: 'household', name: input.name, code: input.code ?? null }, actor.locale);
        await repo.ensureHouseholdRow(tx, { placeId: place.id, placePath: place.path, buildingId: building!.id });
        await repo.updateHouseholdRow(tx, place.id, { registeredAddress: input.registeredAddress ?? null, notes: input.notes ?? null });
        const created = await reload(tx, place.id);
        await writeAudit(tx, auditContextOf(actor), { action: 'household.create', entityType: 'household', entityId: place.id, after: auditView(created) });
        return created;
      });
    },

    async update(actor: Actor, id: string, input: z.infer<typeof UpdateHousehold>): Promise<Household> {
      return db.transaction(async (tx) => {
        const before = await readable(tx, actor, id, true);
        if (input.name !== undefined || input.code !== undefined) await places.renameIn(tx, id, { name: input.name, code: input.code });
        await repo.ensureHouseholdRow(tx, { placeId: id, placePath: before.path, buildingId: before.buildingId });
        if (input.headResidentId) {
          const [member] = await repo.findResidentsByIds(tx, [input.headResidentId], '1970-01-01');
          if (!member || member.householdId !== id || member.status !== 'active') throw unprocessable('household_head_not_member');
        }
        await repo.updateHouseholdRow(tx, id, {
          ...(input.headResidentId !== undefined ? { headResidentId: input.headResidentId } : {}),
          ...(input.registeredAddress !== undefined ? { registeredAddress: input.registeredAddress } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
        });
        const after = await reload(tx, id);
        await writeAudit(tx, auditContextOf(actor), { action: 'household.update', entityType: 'household', entityId: id, before: auditView(before), after: auditView(after) });
        return after;
      });
    },

    /** Only an empty household can go; its place goes with it (unless something else still refers to it). */
    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const household = await readable(tx, actor, id, true);
        const members = await repo.countActiveMembers(tx, id);
        if (members > 0) throw conflict('household_not_empty', { count: members });
        await repo.deleteHouseholdRow(tx, id);
        await places.removeLeafIn(tx, id);
        await writeAudit(tx, auditContextOf(actor), { action: 'household.delete', entityType: 'household', entityId: id, before: auditView(household) });
      });
    },
  };
}

export type HouseholdsService = ReturnType<typeof createHouseholdsService>;
