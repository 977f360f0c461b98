import { ageOn, type Resident, type ResidentDetail, type Visit } from '@gridwork/contracts';
import { isMinor } from './residents.rules';
import type * as repo from './residents.repo';

/** Today's date (YYYY-MM-DD) in the server's calendar, as ages are computed. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The list view: sensitive values masked, age computed. */
export const nameOf = (names: ReadonlyMap<string, string>, id: string | null) => (id === null ? null : (names.get(id) ?? null));

export function toResident(row: repo.ResidentListRow, householdName: string | null, now = new Date()): Resident {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, now),
    idType: row.idType,
    idNumber: row.idNumberMasked,
    phone: row.phoneMasked,
    householdId: row.householdId,
    householdName,
    placeId: row.placeId,
    relationToHead: row.relationToHead,
    residenceType: row.residenceType,
    occupation: row.occupation,
    employer: row.employer,
    careGroups: row.careGroups,
    status: row.status,
    isMinor: isMinor(row.birthDate, now),
    hasHealthNotes: row.healthNotesEnc !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toCareGroupMembership(g: repo.CareGroupDetailRow): ResidentDetail['careGroupDetails'][number] {
  return { code: g.code, name: g.name, grade: g.grade, startDate: g.startDate, endDate: g.endDate, responsibleUserId: g.responsibleUserId, responsibleName: g.responsibleName };
}

export function toMove(m: Awaited<ReturnType<typeof repo.movesOf>>[number], names: ReadonlyMap<string, string>): ResidentDetail['moves'][number] {
  return {
    id: m.id,
    fromHouseholdId: m.fromHouseholdId,
    fromHouseholdName: nameOf(names, m.fromHouseholdId),
    toHouseholdId: m.toHouseholdId,
    toHouseholdName: nameOf(names, m.toHouseholdId),
    movedAt: m.movedAt.toISOString(),
    reason: m.reason,
    actorName: m.actorName,
  };
}

export function toVisit(v: repo.VisitListRow): Visit {
  return {
    id: v.id,
    residentId: v.residentId,
    residentName: v.residentName,
    visitedAt: v.visitedAt.toISOString(),
    method: v.method,
    visitorId: v.visitorId,
    visitorName: v.visitorName,
    observations: v.observations,
    needsFound: v.needsFound,
    createdAt: v.createdAt.toISOString(),
  };
}

/** What goes into the audit log: never a plaintext ID number, phone or health note. */
export function auditView(row: repo.ResidentRow, careGroups: readonly string[]) {
  return {
    name: row.name,
    gender: row.gender,
    birthDate: row.birthDate,
    idType: row.idType,
    idNumber: row.idNumberMasked,
    phone: row.phoneMasked,
    householdId: row.householdId,
    relationToHead: row.relationToHead,
    residenceType: row.residenceType,
    occupation: row.occupation,
    employer: row.employer,
    hasHealthNotes: row.healthNotesEnc !== null,
    notes: row.notes,
    status: row.status,
    careGroups,
  };
}
