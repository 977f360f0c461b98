import { z } from 'zod';
import { ageOn, type CareDashboard, type CareGroupType, type UpsertCareGroupType } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import type { PlacesService } from '../places/places.service';
import * as repo from './residents.repo';
import { addDays, daysBetween, todayIso } from './residents.views';

export interface CareGroupsDeps {
  readonly db: Db;
  readonly places: PlacesService;
}

/** The most people the due list of one dashboard shows, most overdue first. */
const DUE_LIMIT = 500;

const toType = (t: repo.CareGroupTypeRow): CareGroupType => ({ code: t.code, name: t.name, nameEn: t.nameEn, hasGrade: t.hasGrade, visitIntervalDays: t.visitIntervalDays, active: t.active, sortOrder: t.sortOrder });

/** Configurable care groups (重点人群) and the per-grid dashboard of who is due for a visit (走访). */
export function createCareGroupsService({ db, places }: CareGroupsDeps) {
  return {
    async listTypes(actor: Actor): Promise<CareGroupType[]> {
      if (!actor.permissions.has('care-group.configure')) requirePermission(actor, 'resident.read');
      return (await repo.listCareGroupTypes(db)).map(toType);
    },

    /** Replaces the configuration: listed types are created or updated, unlisted ones deactivated (memberships keep their history). */
    async configure(actor: Actor, input: z.output<typeof UpsertCareGroupType>[]): Promise<CareGroupType[]> {
      requirePermission(actor, 'care-group.configure');
      return db.transaction(async (tx) => {
        const before = (await repo.listCareGroupTypes(tx)).map(toType);
        const rows = [...new Map(input.map((t) => [t.code, t])).values()];
        await repo.upsertCareGroupTypes(tx, rows);
        await repo.deactivateCareGroupTypesExcept(tx, rows.map((r) => r.code));
        const after = (await repo.listCareGroupTypes(tx)).map(toType);
        await writeAudit(tx, auditContextOf(actor), { action: 'care-group.configure', entityType: 'care-group-types', before, after });
        return after;
      });
    },

    async dashboard(actor: Actor, placeId: string, withinDays: number): Promise<z.output<typeof CareDashboard>> {
      const place = await places.findById(placeId);
      assertRecordAccess(actor, place?.path, 'resident.read');
      const scope = scopeOf(actor, 'resident.read');
      const today = todayIso();
      const [totals, due] = await Promise.all([
        repo.careGroupTotals(db, scope, place!.path, today),
        repo.dueForVisit(db, scope, place!.path, today, addDays(today, withinDays), DUE_LIMIT),
      ]);
      const households = await places.namesOf([...new Set(due.map((d) => d.householdId).filter((id): id is string => id !== null))]);
      const now = new Date();
      return {
        placeId,
        totals,
        due: due.map((d) => ({
          residentId: d.id,
          name: d.name,
          age: ageOn(d.birthDate, now),
          householdName: d.householdId ? (households.get(d.householdId) ?? null) : null,
          careGroups: d.codes,
          responsibleName: d.responsibleName,
          lastVisitAt: d.lastVisitAt,
          dueOn: d.dueOn,
          overdueDays: Math.max(0, daysBetween(d.dueOn, today)),
        })),
      };
    },
  };
}

export type CareGroupsService = ReturnType<typeof createCareGroupsService>;
