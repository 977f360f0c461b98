/** Dictionary keys of the residents register's enumerations, and small display helpers. */
import { checkIdNumber } from '@gridwork/contracts';
import type {
  Gender,
  IdType,
  ImportJob,
  ImportMode,
  Relation,
  ResidenceType,
  ResidentStatus,
  VisitMethod,
} from '../../api/types';
import type { MessageKey } from '../../i18n';

export const GENDERS: readonly Gender[] = ['male', 'female'];
export const GENDER_KEYS: Record<Gender, MessageKey> = { male: 'res.gender.male', female: 'res.gender.female' };

export const ID_TYPES: readonly IdType[] = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent', 'other'];
export const ID_TYPE_KEYS: Record<IdType, MessageKey> = {
  resident_id: 'res.idType.resident_id',
  passport: 'res.idType.passport',
  hk_macao_permit: 'res.idType.hk_macao_permit',
  taiwan_permit: 'res.idType.taiwan_permit',
  foreign_permanent: 'res.idType.foreign_permanent',
  other: 'res.idType.other',
};

export const RESIDENCE_TYPES: readonly ResidenceType[] = ['registered', 'permanent', 'floating'];
export const RESIDENCE_KEYS: Record<ResidenceType, MessageKey> = {
  registered: 'res.residence.registered',
  permanent: 'res.residence.permanent',
  floating: 'res.residence.floating',
};

export const RELATIONS: readonly Relation[] = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'daughter_in_law',
  'son_in_law',
  'other',
];
export const RELATION_KEYS: Record<Relation, MessageKey> = {
  head: 'res.relation.head',
  spouse: 'res.relation.spouse',
  child: 'res.relation.child',
  parent: 'res.relation.parent',
  grandchild: 'res.relation.grandchild',
  grandparent: 'res.relation.grandparent',
  sibling: 'res.relation.sibling',
  daughter_in_law: 'res.relation.daughter_in_law',
  son_in_law: 'res.relation.son_in_law',
  other: 'res.relation.other',
};

export const STATUSES: readonly ResidentStatus[] = ['active', 'moved_out', 'deceased', 'anonymised'];
export const STATUS_KEYS: Record<ResidentStatus, MessageKey> = {
  active: 'res.status.active',
  moved_out: 'res.status.moved_out',
  deceased: 'res.status.deceased',
  anonymised: 'res.status.anonymised',
};
export const STATUS_COLORS: Record<ResidentStatus, string> = {
  active: 'success',
  moved_out: 'default',
  deceased: 'default',
  anonymised: 'warning',
};

export const VISIT_METHODS: readonly VisitMethod[] = ['home', 'phone', 'video', 'other'];
export const VISIT_METHOD_KEYS: Record<VisitMethod, MessageKey> = {
  home: 'res.visitMethod.home',
  phone: 'res.visitMethod.phone',
  video: 'res.visitMethod.video',
  other: 'res.visitMethod.other',
};

export const IMPORT_MODE_KEYS: Record<ImportMode, MessageKey> = {
  'all-or-nothing': 'res.import.modeAll',
  'skip-invalid': 'res.import.modeSkip',
};

export const IMPORT_STATUS_KEYS: Record<ImportJob['status'], MessageKey> = {
  queued: 'res.import.statusQueued',
  running: 'res.import.statusRunning',
  done: 'res.import.statusDone',
  failed: 'res.import.statusFailed',
};

/** The dictionary key explaining why an ID number is refused, or null when it is valid. */
export function idNumberProblemKey(value: string): MessageKey | null {
  const check = checkIdNumber(value);
  if (check.ok) return null;
  const keys: Record<typeof check.problem, MessageKey> = {
    format: 'res.idProblem.format',
    region: 'res.idProblem.region',
    birth_date: 'res.idProblem.birth_date',
    check_digit: 'res.idProblem.check_digit',
  };
  return keys[check.problem];
}

/**
 * Floor of a household from its name or code: `3栋502室` → 5, `1203室` → 12, `2-1-301` → 3.
 * Null when no room number can be read.
 */
export function floorOf(name: string, code?: string | null): number | null {
  const room = /(\d{3,4})\s*室/.exec(name)?.[1] ?? /(?:^|\D)(\d{3,4})$/.exec(name.trim())?.[1] ?? /-(\d{3,4})$/.exec(code ?? '')?.[1];
  if (!room) return null;
  const floor = Math.floor(Number(room) / 100);
  return floor > 0 ? floor : null;
}

/** Calendar days between today and a date (positive when the date is past). */
export function daysSince(iso: string): number {
  const then = new Date(iso);
  return Math.floor((Date.now() - then.getTime()) / 86_400_000);
}
