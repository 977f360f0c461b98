import {
  IdType,
  formatMessage,
  maskIdNumber,
  maskPhone,
  type CareGroupAssignment,
  type CreateResident,
  type Locale,
  type ResidentDetail,
  type ResidentListQuery,
  type ResidentPersonalData,
  type RevealableField,
  type UpdateResident,
} from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, inScope, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import type { DataCipher } from '../../platform/crypto';
import { AppError, conflict } from '../../platform/errors';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import { findHousehold } from './households.service';
import * as repo from './residents.repo';
import { birthDateRange, idIndexInput, isMinor, isRuleProblem, phoneIndexInput, resolveIdentity, seal, type RuleProblem } from './residents.rules';
import { nameTokens, queryTokens } from './residents.search';
import { auditView, nameOf, todayIso, toCareGroupMembership, toMove, toResident, toVisit } from './residents.views';

export interface ResidentsDeps {
  readonly db: Db;
  readonly cipher: DataCipher;
  readonly places: PlacesService;
}

export const ANONYMISED_NAME = '已注销';

/** A broken rule as a 422 problem naming the field. */
export function ruleError(problem: RuleProblem, locale: Locale): AppError {
  const params = problem.params ?? {};
  return new AppError(422, problem.code, params, [{ path: problem.field, message: `${problem.field}: ${formatMessage(problem.code, locale, params)}` }]);
}

/**
 * Checks care-group assignments against the configured types and returns the rows to store.
 * Shared with the Excel import.
 */
export async function validatedCareGroups(tx: Db, input: readonly CareGroupAssignment[], locale: Locale) {
  if (input.length === 0) return [];
  const types = new Map((await repo.listCareGroupTypes(tx)).map((t) => [t.code, t]));
  const byCode = new Map<string, CareGroupAssignment>();
  for (const g of input) byCode.set(g.code, g);
  const responsible = [...new Set([...byCode.values()].map((g) => g.responsibleUserId).filter((v): v is string => Boolean(v)))];
  const known = await repo.existingUserIds(tx, responsible);
  return [...byCode.values()].map((g) => {
    const type = types.get(g.code);
    if (!type || !type.active) throw new AppError(422, 'care_group_unknown', { code: g.code });
    if (g.grade != null && !type.hasGrade) throw new AppError(422, 'care_group_grade_not_allowed', { name: locale === 'zh-CN' ? type.name : type.nameEn });
    if (g.startDate && g.endDate && g.endDate < g.startDate) throw new AppError(422, 'date_range_invalid');
    if (g.responsibleUserId && !known.has(g.responsibleUserId)) throw new AppError(422, 'responsible_user_unknown');
    return { code: g.code, grade: g.grade ?? null, startDate: g.startDate ?? null, endDate: g.endDate ?? null, responsibleUserId: g.responsibleUserId ?? null };
  });
}

export function createResidentsService({ db, cipher, places }: ResidentsDeps) {
  /** Out of the read scope: 404; readable but not writable (or revealable): 403. */
  async function readable(tx: Db, actor: Actor, id: string, write?: 'resident.write' | 'resident.reveal') {
    const row = await repo.findResident(tx, id, todayIso());
    assertRecordAccess(actor, row?.placePath, 'resident.read', write);
    return row!;
  }

  /** Children under 14: their own permission; returns whether the record is a minor's. */
  function assertMayOpen(actor: Actor, row: repo.ResidentRow): boolean {
    if (!isMinor(row.birthDate)) return false;
    if (!inScope(scopeOf(actor, 'resident.read-minor'), row.placePath)) throw new AppError(403, 'resident_minor_forbidden');
    return true;
  }

  async function duplicateError(actor: Actor, existing: repo.ResidentRow): Promise<AppError> {
    const visible = inScope(scopeOf(actor, 'resident.read'), existing.placePath);
    return conflict('resident_duplicate', { name: visible ? existing.name : actor.locale === 'zh-CN' ? '不在您的管辖范围内' : 'outside your scope' });
  }

  async function detail(tx: Db, actor: Actor, row: repo.ResidentListRow): Promise<ResidentDetail> {
    // One query at a time: `tx` may be a single connection.
    const groups = await repo.careGroupsOf(tx, row.id);
    const moves = await repo.movesOf(tx, row.id);
    const names = await placeNames(tx, [row.householdId, ...moves.flatMap((m) => [m.fromHouseholdId, m.toHouseholdId])]);
    const live = row.status !== 'anonymised';
    const writable = live && inScope(scopeOf(actor, 'resident.write'), row.placePath);
    // Not `{ ...resident, more }`: V8 gives objects built so maps of their own (docs/ARCHITECTURE.md).
    return Object.assign(toResident(row, nameOf(names, row.householdId)), {
      notes: row.notes,
      careGroupDetails: groups.map(toCareGroupMembership),
      moves: moves.map((m) => toMove(m, names)),
      abilities: { update: writable, delete: writable, reveal: live && inScope(scopeOf(actor, 'resident.reveal'), row.placePath) },
    });
  }

  /** Names of households (places), for views: the place tree owns them. */
  async function placeNames(tx: Db, ids: readonly (string | null)[]): Promise<ReadonlyMap<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    return await places.namesOf(unique, tx);
  }

  async function reload(tx: Db, id: string) {
    return (await repo.findResident(tx, id, todayIso()))!;
  }

  function sealedId(idType: IdType, idNumber: string) {
    return { idNumberEnc: cipher.encrypt(idNumber), idNumberIndex: cipher.blindIndex(idIndexInput(idType, idNumber)), idNumberMasked: maskIdNumber(idNumber) };
  }

  function sealedPhone(phone: string | null) {
    if (!phone) return { phoneEnc: null, phoneIndex: null, phoneMasked: null };
    const normalized = phoneIndexInput(phone);
    return { phoneEnc: cipher.encrypt(normalized), phoneIndex: cipher.blindIndex(normalized), phoneMasked: maskPhone(normalized) };
  }

  const decryptOrNull = (value: string | null) => (value ? cipher.decrypt(value) : null);

  return {
    async list(actor: Actor, query: ResidentListQuery) {
      requirePermission(actor, 'resident.read');
      const scope = scopeOf(actor, 'resident.read');
      let pathPrefix: string | undefined;
      if (query.placeId) {
        const place = await places.findById(query.placeId);
        assertRecordAccess(actor, place?.path, 'resident.read');
        pathPrefix = place!.path;
      }
      const name = query.q ? queryTokens(query.q) : undefined;
      const range = birthDateRange(query.ageMin, query.ageMax);
      const after = decodeCursor(query.cursor, 2)?.map(String) as [string, string] | undefined;
      const { rows, total } = await repo.listResidents(db, {
        scope,
        today: todayIso(),
        pathPrefix,
        nameTokens: name?.tokens,
        nameLike: name?.needsLike ? query.q!.replace(/\s+/g, '') : undefined,
        idIndexes: query.idNumber ? IdType.options.map((t) => cipher.blindIndex(idIndexInput(t, query.idNumber!))) : undefined,
        phoneIndex: query.phone ? cipher.blindIndex(phoneIndexInput(query.phone)) : undefined,
        careGroup: query.careGroup,
        birthAfter: range.after,
        birthOnOrBefore: range.onOrBefore,
        status: query.status,
        sort: query.sort,
        order: query.order,
        after,
        limit: query.limit,
      });
      const keyOf = (r: repo.ResidentListRow) => [query.sort === 'name' ? r.name : query.sort === 'birthDate' ? r.birthDate : r.createdKey, r.id];
      const page = pageFrom(rows, query.limit, keyOf);
      const names = await placeNames(db, page.items.map((r) => r.householdId));
      return { items: page.items.map((r) => toResident(r, nameOf(names, r.householdId))), nextCursor: page.nextCursor, total };
    },

    async get(actor: Actor, id: string): Promise<ResidentDetail> {
      const row = await readable(db, actor, id);
      if (assertMayOpen(actor, row)) {
        await writeAudit(db, auditContextOf(actor), { action: 'resident.open-minor', entityType: 'resident', entityId: id });
      }
      return detail(db, actor, row);
    },

    async create(actor: Actor, input: CreateResident): Promise<ResidentDetail> {
      return db.transaction(async (tx) => {
        const household = await findHousehold(places, tx, input.householdId);
        assertRecordAccess(actor, household?.path, 'resident.read', 'resident.write');
        const identity = resolveIdentity(input, actor.locale);
        if (isRuleProblem(identity)) throw ruleError(identity, actor.locale);
        const groups = await validatedCareGroups(tx, input.careGroups ?? [], actor.locale);
        const sealed = seal(cipher, { idType: identity.idType, idNumber: identity.idNumber, phone: input.phone ?? null, healthNotes: input.healthNotes ?? null });
        const existing = await repo.findByIdIndex(tx, sealed.idNumberIndex);
        if (existing) throw await duplicateError(actor, existing);
        await repo.ensureHouseholdRow(tx, { placeId: household!.id, placePath: household!.path, buildingId: household!.buildingId });
        const id = await repo.insertResident(tx, {
          householdId: household!.id,
          placeId: household!.id,
          placePath: household!.path,
          name: input.name,
          nameTokens: nameTokens(input.name),
          gender: identity.gender,
          birthDate: identity.birthDate,
          idType: identity.idType,
          ...sealed,
          relationToHead: input.relationToHead ?? null,
          residenceType: input.residenceType,
          occupation: input.occupation ?? null,
          employer: input.employer ?? null,
          notes: input.notes ?? null,
        });
        await repo.replaceCareGroups(tx, id, household!.path, groups);
        await repo.insertMove(tx, { residentId: id, fromHouseholdId: null, toHouseholdId: household!.id, reason: actor.locale === 'zh-CN' ? '登记' : 'registered', actorId: actor.userId, actorName: actor.displayName });
        if (input.relationToHead === 'head' && !household!.headResidentId) await repo.updateHouseholdRow(tx, household!.id, { headResidentId: id });
        const created = await reload(tx, id);
        await writeAudit(tx, auditContextOf(actor), { action: 'resident.create', entityType: 'resident', entityId: id, after: auditView(created, created.careGroups) });
        return detail(tx, actor, created);
      });
    },

    async update(actor: Actor, id: string, input: UpdateResident): Promise<ResidentDetail> {
      return db.transaction(async (tx) => {
        const before = await readable(tx, actor, id, 'resident.write');
        assertMayOpen(actor, before);
        if (before.status === 'anonymised') throw conflict('resident_anonymised');
        const changes: Partial<repo.NewResidentRow> = {};
        if (input.idType !== undefined || input.idNumber !== undefined || input.gender !== undefined || input.birthDate !== undefined) {
          const idType = input.idType ?? before.idType;
          const idNumber = input.idNumber ?? cipher.decrypt(before.idNumberEnc);
          const identity = resolveIdentity(
            idType === 'resident_id' ? { idType, idNumber, gender: input.gender, birthDate: input.birthDate } : { idType, idNumber, gender: input.gender ?? before.gender, birthDate: input.birthDate ?? before.birthDate },
            actor.locale,
          );
          if (isRuleProblem(identity)) throw ruleError(identity, actor.locale);
          Object.assign(changes, { idType: identity.idType, gender: identity.gender, birthDate: identity.birthDate });
          const idFields = sealedId(identity.idType, identity.idNumber);
          if (idFields.idNumberIndex !== before.idNumberIndex) {
            const existing = await repo.findByIdIndex(tx, idFields.idNumberIndex);
            if (existing && existing.id !== id) throw await duplicateError(actor, existing);
            Object.assign(changes, idFields);
          }
        }
        if (input.name !== undefined) Object.assign(changes, { name: input.name, nameTokens: nameTokens(input.name) });
        if (input.phone !== undefined) Object.assign(changes, sealedPhone(input.phone));
        if (input.healthNotes !== undefined) changes.healthNotesEnc = input.healthNotes ? cipher.encrypt(input.healthNotes) : null;
        for (const key of ['relationToHead', 'residenceType', 'occupation', 'employer', 'notes', 'status'] as const) {
          if (input[key] !== undefined) Object.assign(changes, { [key]: input[key] });
        }
        let placePath = before.placePath;
        let householdId = before.householdId;
        const moved = input.householdId !== undefined && input.householdId !== before.householdId;
        if (moved) {
          const target = await findHousehold(places, tx, input.householdId!);
          assertRecordAccess(actor, target?.path, 'resident.read', 'resident.write');
          await repo.ensureHouseholdRow(tx, { placeId: target!.id, placePath: target!.path, buildingId: target!.buildingId });
          Object.assign(changes, { householdId: target!.id, placeId: target!.id, placePath: target!.path });
          await repo.insertMove(tx, { residentId: id, fromHouseholdId: before.householdId, toHouseholdId: target!.id, reason: input.moveReason ?? null, actorId: actor.userId, actorName: actor.displayName });
          await repo.moveCareGroups(tx, id, target!.path);
          if (before.householdId) {
            const old = await findHousehold(places, tx, before.householdId);
            if (old?.headResidentId === id) await repo.updateHouseholdRow(tx, old.id, { headResidentId: null });
          }
          placePath = target!.path;
          householdId = target!.id;
        }
        if (input.careGroups !== undefined) await repo.replaceCareGroups(tx, id, placePath, await validatedCareGroups(tx, input.careGroups, actor.locale));
        await repo.updateResident(tx, id, changes);
        if (householdId && (input.relationToHead === 'head' || (moved && before.relationToHead === 'head' && input.relationToHead === undefined))) {
          const household = await findHousehold(places, tx, householdId);
          if (household && !household.headResidentId) await repo.updateHouseholdRow(tx, householdId, { headResidentId: id });
        }
        const after = await reload(tx, id);
        const context = auditContextOf(actor);
        if (moved) {
          await writeAudit(tx, context, { action: 'resident.move', entityType: 'resident', entityId: id, before: { householdId: before.householdId }, after: { householdId, reason: input.moveReason ?? null } });
        }
        await writeAudit(tx, context, { action: 'resident.update', entityType: 'resident', entityId: id, before: auditView(before, before.careGroups), after: auditView(after, after.careGroups) });
        return detail(tx, actor, after);
      });
    },

    /**
     * Deletion keeps the row (visits, moves and statistics stay consistent) but wipes what
     * identifies the person: name, ID number, phone, health notes, occupation, notes, care groups.
     */
    async anonymise(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await readable(tx, actor, id, 'resident.write');
        if (before.status === 'anonymised') throw conflict('resident_anonymised');
        await repo.updateResident(tx, id, {
          name: ANONYMISED_NAME,
          nameTokens: [],
          birthDate: `${before.birthDate.slice(0, 4)}-01-01`,
          idNumberEnc: '',
          idNumberIndex: `anonymised:${id}`,
          idNumberMasked: '******',
          phoneEnc: null,
          phoneIndex: null,
          phoneMasked: null,
          healthNotesEnc: null,
          occupation: null,
          employer: null,
          notes: null,
          relationToHead: null,
          status: 'anonymised',
        });
        await repo.replaceCareGroups(tx, id, before.placePath, []);
        if (before.householdId) {
          const household = await findHousehold(places, tx, before.householdId);
          if (household?.headResidentId === id) await repo.updateHouseholdRow(tx, household.id, { headResidentId: null });
        }
        await repo.insertMove(tx, { residentId: id, fromHouseholdId: before.householdId, toHouseholdId: null, reason: actor.locale === 'zh-CN' ? '注销（匿名化）' : 'deleted (anonymised)', actorId: actor.userId, actorName: actor.displayName });
        await writeAudit(tx, auditContextOf(actor), { action: 'resident.anonymise', entityType: 'resident', entityId: id, before: auditView(before, before.careGroups) });
      });
    },

    /** "Show full value": its own permission, and the reason goes into the audit log. */
    async reveal(actor: Actor, id: string, field: RevealableField, reason: string) {
      return db.transaction(async (tx) => {
        const row = await readable(tx, actor, id, 'resident.reveal');
        assertMayOpen(actor, row);
        const stored = field === 'idNumber' ? row.idNumberEnc : field === 'phone' ? row.phoneEnc : row.healthNotesEnc;
        const value = decryptOrNull(stored);
        await writeAudit(tx, auditContextOf(actor), { action: 'resident.reveal', entityType: 'resident', entityId: id, after: { field, reason } });
        return { field, value };
      });
    },

    /** PIPL access right: everything held about the person, decrypted; needs the reveal permission and is audited. */
    async personalData(actor: Actor, id: string): Promise<ResidentPersonalData> {
      return db.transaction(async (tx) => {
        const row = await readable(tx, actor, id, 'resident.reveal');
        assertMayOpen(actor, row);
        const groups = await repo.careGroupsOf(tx, id);
        const moves = await repo.movesOf(tx, id);
        const visits = await repo.visitsOfResident(tx, id);
        const names = await placeNames(tx, [row.householdId, ...moves.flatMap((m) => [m.fromHouseholdId, m.toHouseholdId])]);
        await writeAudit(tx, auditContextOf(actor), { action: 'resident.personal-data-export', entityType: 'resident', entityId: id });
        return {
          exportedAt: new Date().toISOString(),
          resident: {
            id: row.id,
            name: row.name,
            gender: row.gender,
            birthDate: row.birthDate,
            idType: row.idType,
            idNumber: decryptOrNull(row.idNumberEnc),
            phone: decryptOrNull(row.phoneEnc),
            healthNotes: decryptOrNull(row.healthNotesEnc),
            householdId: row.householdId,
            householdName: nameOf(names, row.householdId),
            relationToHead: row.relationToHead,
            residenceType: row.residenceType,
            occupation: row.occupation,
            employer: row.employer,
            notes: row.notes,
            status: row.status,
            createdAt: row.createdAt.toISOString(),
            updatedAt: row.updatedAt.toISOString(),
          },
          careGroups: groups.map(toCareGroupMembership),
          moves: moves.map((m) => toMove(m, names)),
          visits: visits.map(toVisit),
        };
      });
    },

    /** For other modules (visits, imports): a resident the actor may read, or 404. */
    readable: (actor: Actor, id: string, tx: Db = db) => readable(tx, actor, id),
    assertMayOpen,
    /** The register entry of a signed-in resident (their own account), if linked. */
    residentIdOf: (userId: string, tx: Db = db) => repo.residentIdOfUser(tx, userId),
    /** The account of a resident, if they have one (to notify them). */
    userIdOf: (residentId: string, tx: Db = db) => repo.userIdOfResident(tx, residentId),
    /** For other modules: name and place of a resident with no access check (they check their own scope). */
    async brief(residentId: string, tx: Db = db) {
      const row = await repo.findResident(tx, residentId, todayIso());
      return row ? { id: row.id, name: row.name, placeId: row.placeId, placePath: row.placePath, status: row.status } : undefined;
    },
    /** Encrypts, indexes and masks the sensitive fields (seeds and imports write rows in bulk). */
    sealFields: (values: Parameters<typeof seal>[1]) => seal(cipher, values),
  };
}

export type ResidentsService = ReturnType<typeof createResidentsService>;
