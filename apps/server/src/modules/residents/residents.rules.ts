import { ageOn, checkIdNumber, maskIdNumber, maskPhone, type ErrorCode, type Gender, type IdNumberProblem, type IdType, type Locale } from '@gridwork/contracts';
import type { DataCipher } from '../../platform/crypto';

/** A broken rule on one field, in the words the user will read. */
export interface RuleProblem {
  readonly field: string;
  readonly code: ErrorCode;
  readonly params?: Readonly<Record<string, string>>;
}

const ID_PROBLEMS: Readonly<Record<IdNumberProblem, Readonly<Record<Locale, string>>>> = {
  format: { 'zh-CN': '应为 18 位，前 17 位为数字，最后一位为数字或 X', 'en-US': '18 characters: 17 digits and a digit or X' },
  region: { 'zh-CN': '前两位不是有效的省级行政区划代码', 'en-US': 'the first two digits are not a province code' },
  birth_date: { 'zh-CN': '出生日期部分无效', 'en-US': 'the birth date part is invalid' },
  check_digit: { 'zh-CN': '校验码错误', 'en-US': 'wrong check digit' },
};

export interface IdentityInput {
  readonly idType: IdType;
  readonly idNumber: string;
  readonly gender?: Gender | undefined;
  readonly birthDate?: string | undefined;
}

export interface Identity {
  readonly idType: IdType;
  readonly idNumber: string;
  readonly gender: Gender;
  readonly birthDate: string;
}

/**
 * For a resident ID card the number decides gender and birth date (given values must agree);
 * other documents need both given. Returns the normalized identity or the first problem.
 */
export function resolveIdentity(input: IdentityInput, locale: Locale, today = new Date()): Identity | RuleProblem {
  if (input.idType === 'resident_id') {
    const check = checkIdNumber(input.idNumber, today);
    if (!check.ok) return { field: 'idNumber', code: 'id_number_invalid', params: { reason: ID_PROBLEMS[check.problem][locale] } };
    if (input.birthDate && input.birthDate !== check.birthDate) return { field: 'birthDate', code: 'id_number_mismatch', params: { field: locale === 'zh-CN' ? '出生日期' : 'birth date' } };
    if (input.gender && input.gender !== check.gender) return { field: 'gender', code: 'id_number_mismatch', params: { field: locale === 'zh-CN' ? '性别' : 'gender' } };
    return { idType: 'resident_id', idNumber: check.normalized, gender: check.gender, birthDate: check.birthDate };
  }
  if (!input.birthDate || !input.gender) return { field: input.birthDate ? 'gender' : 'birthDate', code: 'birth_date_required' };
  const birth = new Date(`${input.birthDate}T00:00:00Z`);
  if (Number.isNaN(birth.getTime()) || birth > today || birth.getUTCFullYear() < 1890) return { field: 'birthDate', code: 'birth_date_invalid' };
  return { idType: input.idType, idNumber: input.idNumber.trim().toUpperCase(), gender: input.gender, birthDate: input.birthDate };
}

export const isRuleProblem = (value: Identity | RuleProblem): value is RuleProblem => 'code' in value;

/** The blind-index input: the document type is part of it, so equal numbers of different types differ. */
export const idIndexInput = (idType: IdType, idNumber: string) => `${idType}:${idNumber.trim().toUpperCase()}`;
export const phoneIndexInput = (phone: string) => phone.replace(/[\s-]/g, '');

export interface SealedFields {
  idNumberEnc: string;
  idNumberIndex: string;
  idNumberMasked: string;
  phoneEnc: string | null;
  phoneIndex: string | null;
  phoneMasked: string | null;
  healthNotesEnc: string | null;
}

/** Encrypts the sensitive fields and computes their search indexes and masks. */
export function seal(
  cipher: DataCipher,
  values: { idType: IdType; idNumber: string; phone: string | null; healthNotes: string | null },
  /** The ID number's blind index when the caller has computed it already (bulk imports). */
  idNumberIndex?: string,
): SealedFields {
  const phone = values.phone ? phoneIndexInput(values.phone) : null;
  return {
    idNumberEnc: cipher.encrypt(values.idNumber),
    idNumberIndex: idNumberIndex ?? cipher.blindIndex(idIndexInput(values.idType, values.idNumber)),
    idNumberMasked: maskIdNumber(values.idNumber),
    phoneEnc: phone ? cipher.encrypt(phone) : null,
    phoneIndex: phone ? cipher.blindIndex(phone) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    healthNotesEnc: values.healthNotes ? cipher.encrypt(values.healthNotes) : null,
  };
}

/** Children under 14 need their own permission to open (未成年人保护). */
export const MINOR_AGE = 14;
export const isMinor = (birthDate: string, today = new Date()) => ageOn(birthDate, today) < MINOR_AGE;

/** Birth-date bounds for an age range, for an indexable filter. */
export function birthDateRange(ageMin: number | undefined, ageMax: number | undefined, today = new Date()): { after?: string; onOrBefore?: string } {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const shift = (years: number) => new Date(Date.UTC(today.getFullYear() - years, today.getMonth(), today.getDate()));
  const range: { after?: string; onOrBefore?: string } = {};
  if (ageMin !== undefined) range.onOrBefore = iso(shift(ageMin));
  if (ageMax !== undefined) range.after = iso(shift(ageMax + 1));
  return range;
}
