import { z } from 'zod';
import { Id, Name } from './common';

export const Gender = z.enum(['male', 'female']);
export type Gender = z.infer<typeof Gender>;

/** 居民身份证 is validated by GB 11643; other documents are accepted as given. */
export const IdType = z.enum(['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent', 'other']);
export type IdType = z.infer<typeof IdType>;

/** 户籍 / 常住 / 流动 */
export const ResidenceType = z.enum(['registered', 'permanent', 'floating']);
export type ResidenceType = z.infer<typeof ResidenceType>;

export const Relation = z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'daughter_in_law', 'son_in_law', 'other']);
export type Relation = z.infer<typeof Relation>;

export const ResidentStatus = z.enum(['active', 'moved_out', 'deceased', 'anonymised']);
export type ResidentStatus = z.infer<typeof ResidentStatus>;

export const CareGroupCode = z.string().trim().min(2).max(32).regex(/^[a-z][a-z0-9_]*$/);
export const DateOnly = z.iso.date();
export const MobileOrLandline = z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/);
export const IdDocumentNumber = z.string().trim().min(5).max(32).regex(/^[0-9A-Za-z()（）-]+$/);

/** The fields that are encrypted at rest and may be revealed by an explicit, audited action. */
export const RevealableField = z.enum(['idNumber', 'phone', 'healthNotes']);
export type RevealableField = z.infer<typeof RevealableField>;

export const CareGroupAssignment = z.strictObject({
  code: CareGroupCode,
  /** 残疾等级 1–4 and similar; only for groups that have grades. */
  grade: z.number().int().min(1).max(4).nullable().optional(),
  startDate: DateOnly.nullable().optional(),
  endDate: DateOnly.nullable().optional(),
  /** The worker responsible for regular visits (走访). */
  responsibleUserId: Id.nullable().optional(),
});
export type CareGroupAssignment = z.infer<typeof CareGroupAssignment>;

export const CareGroupMembership = z.object({
  code: z.string(),
  name: z.string(),
  grade: z.number().int().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  responsibleUserId: Id.nullable(),
  responsibleName: z.string().nullable(),
});

export const Resident = z.object({
  id: Id,
  name: z.string(),
  gender: Gender,
  birthDate: z.string(),
  age: z.number().int(),
  idType: IdType,
  /** Masked, e.g. 3404**********1234. */
  idNumber: z.string(),
  /** Masked, e.g. 138****5678. */
  phone: z.string().nullable(),
  householdId: Id.nullable(),
  householdName: z.string().nullable(),
  placeId: Id,
  relationToHead: Relation.nullable(),
  residenceType: ResidenceType,
  occupation: z.string().nullable(),
  employer: z.string().nullable(),
  /** Codes of the care groups the resident is in today. */
  careGroups: z.array(z.string()),
  status: ResidentStatus,
  isMinor: z.boolean(),
  hasHealthNotes: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Resident = z.infer<typeof Resident>;

export const ResidentMove = z.object({
  id: Id,
  fromHouseholdId: Id.nullable(),
  fromHouseholdName: z.string().nullable(),
  toHouseholdId: Id.nullable(),
  toHouseholdName: z.string().nullable(),
  movedAt: z.string(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
});

export const ResidentDetail = Resident.extend({
  notes: z.string().nullable(),
  careGroupDetails: z.array(CareGroupMembership),
  moves: z.array(ResidentMove),
  /** What the caller may do with this record (the web hides buttons from it). */
  abilities: z.object({ update: z.boolean(), delete: z.boolean(), reveal: z.boolean() }),
});
export type ResidentDetail = z.infer<typeof ResidentDetail>;

const residentFields = {
  name: Name(50),
  gender: Gender.optional(),
  birthDate: DateOnly.optional(),
  idType: IdType.default('resident_id'),
  idNumber: IdDocumentNumber,
  phone: MobileOrLandline.nullable().optional(),
  householdId: Id,
  relationToHead: Relation.nullable().optional(),
  residenceType: ResidenceType.default('permanent'),
  occupation: z.string().trim().max(50).nullable().optional(),
  employer: z.string().trim().max(100).nullable().optional(),
  healthNotes: z.string().trim().max(1000).nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
  careGroups: z.array(CareGroupAssignment).max(20).optional(),
};

export const CreateResident = z.strictObject(residentFields);
export type CreateResident = z.infer<typeof CreateResident>;

export const UpdateResident = z.strictObject({
  name: residentFields.name.optional(),
  gender: residentFields.gender,
  birthDate: residentFields.birthDate,
  idType: IdType.optional(),
  idNumber: IdDocumentNumber.optional(),
  phone: residentFields.phone,
  /** Moving to another household keeps the history. */
  householdId: Id.optional(),
  moveReason: z.string().trim().max(200).optional(),
  relationToHead: residentFields.relationToHead,
  residenceType: ResidenceType.optional(),
  occupation: residentFields.occupation,
  employer: residentFields.employer,
  healthNotes: residentFields.healthNotes,
  notes: residentFields.notes,
  careGroups: residentFields.careGroups,
  status: z.enum(['active', 'moved_out', 'deceased']).optional(),
});
export type UpdateResident = z.infer<typeof UpdateResident>;

export const ResidentSort = z.enum(['name', 'birthDate', 'createdAt']);

export const ResidentListQuery = z.object({
  /** Name (2–3 Chinese characters work), or pinyin initials such as `zxm`. */
  q: z.string().trim().min(1).max(30).optional(),
  idNumber: z.string().trim().max(32).optional(),
  phone: z.string().trim().max(20).optional(),
  placeId: Id.optional(),
  careGroup: CareGroupCode.optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  status: ResidentStatus.optional(),
  sort: ResidentSort.default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ResidentListQuery = z.infer<typeof ResidentListQuery>;

export const RevealBody = z.strictObject({ field: RevealableField, reason: z.string().trim().min(2).max(200) });
export const RevealResponse = z.object({ field: RevealableField, value: z.string().nullable() });

export const Household = z.object({
  id: Id,
  name: z.string(),
  code: z.string().nullable(),
  buildingId: Id,
  buildingName: z.string(),
  path: z.string(),
  headResidentId: Id.nullable(),
  headName: z.string().nullable(),
  memberCount: z.number().int(),
  registeredAddress: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type Household = z.infer<typeof Household>;

export const HouseholdListQuery = z.object({
  buildingId: Id.optional(),
  placeId: Id.optional(),
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const CreateHousehold = z.strictObject({
  buildingId: Id,
  name: Name(50),
  code: z.string().trim().min(1).max(32).regex(/^[0-9A-Za-z-]+$/).optional(),
  registeredAddress: z.string().trim().max(200).nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
});
export type CreateHousehold = z.infer<typeof CreateHousehold>;

export const UpdateHousehold = z.strictObject({
  name: Name(50).optional(),
  code: z.string().trim().min(1).max(32).regex(/^[0-9A-Za-z-]+$/).nullable().optional(),
  headResidentId: Id.nullable().optional(),
  registeredAddress: z.string().trim().max(200).nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
});

export const CareGroupType = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  hasGrade: z.boolean(),
  /** How often people in this group should be visited; null: no regular visits. */
  visitIntervalDays: z.number().int().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type CareGroupType = z.infer<typeof CareGroupType>;

export const UpsertCareGroupType = z.strictObject({
  code: CareGroupCode,
  name: Name(30),
  nameEn: Name(60),
  hasGrade: z.boolean().default(false),
  visitIntervalDays: z.number().int().min(1).max(366).nullable().default(null),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(1000).default(100),
});

export const VisitMethod = z.enum(['home', 'phone', 'video', 'other']);

export const Visit = z.object({
  id: Id,
  residentId: Id,
  residentName: z.string(),
  visitedAt: z.string(),
  method: VisitMethod,
  visitorId: Id.nullable(),
  visitorName: z.string(),
  observations: z.string(),
  needsFound: z.string().nullable(),
  createdAt: z.string(),
});
export type Visit = z.infer<typeof Visit>;

export const CreateVisit = z.strictObject({
  visitedAt: z.iso.datetime({ offset: true }),
  method: VisitMethod.default('home'),
  observations: z.string().trim().min(1).max(2000),
  needsFound: z.string().trim().max(2000).nullable().optional(),
});

export const VisitListQuery = z.object({
  residentId: Id.optional(),
  placeId: Id.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** One resident of a care group who is due (or overdue) for a visit. */
export const VisitDue = z.object({
  residentId: Id,
  name: z.string(),
  age: z.number().int(),
  householdName: z.string().nullable(),
  careGroups: z.array(z.string()),
  responsibleName: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
  dueOn: z.string(),
  overdueDays: z.number().int(),
});

export const CareDashboardQuery = z.object({ placeId: Id, withinDays: z.coerce.number().int().min(0).max(366).default(7) });

export const CareDashboard = z.object({
  placeId: Id,
  totals: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  due: z.array(VisitDue),
});

export const ImportMode = z.enum(['all-or-nothing', 'skip-invalid']);
export type ImportMode = z.infer<typeof ImportMode>;

export const ImportStatus = z.enum(['queued', 'running', 'done', 'failed']);

export const ImportJob = z.object({
  id: Id,
  status: ImportStatus,
  mode: ImportMode,
  fileName: z.string(),
  processed: z.number().int(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  failed: z.number().int(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportAccepted = z.object({ id: Id });

/** PIPL access right (个人信息查阅、复制): everything held about one person, decrypted. */
export const ResidentPersonalData = z.object({
  exportedAt: z.string(),
  resident: z.object({
    id: Id,
    name: z.string(),
    gender: Gender,
    birthDate: z.string(),
    idType: IdType,
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    healthNotes: z.string().nullable(),
    householdId: Id.nullable(),
    householdName: z.string().nullable(),
    relationToHead: Relation.nullable(),
    residenceType: ResidenceType,
    occupation: z.string().nullable(),
    employer: z.string().nullable(),
    notes: z.string().nullable(),
    status: ResidentStatus,
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  careGroups: z.array(CareGroupMembership),
  moves: z.array(ResidentMove),
  visits: z.array(Visit),
});
export type ResidentPersonalData = z.infer<typeof ResidentPersonalData>;
