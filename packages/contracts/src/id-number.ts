/**
 * 居民身份证号码 (GB 11643-1999): 6-digit GB/T 2260 region, 8-digit birth date, 3-digit sequence
 * (odd = male), and a check character from ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83', '91',
]);

export type IdNumberProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

export type IdNumberCheck =
  | { readonly ok: true; readonly normalized: string; readonly birthDate: string; readonly gender: 'male' | 'female' }
  | { readonly ok: false; readonly problem: IdNumberProblem };

export function checkDigitOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Validates an 18-character resident ID number; `today` bounds the birth date. */
export function checkIdNumber(input: string, today: Date = new Date()): IdNumberCheck {
  const normalized = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, problem: 'format' };
  if (!PROVINCE_CODES.has(normalized.slice(0, 2))) return { ok: false, problem: 'region' };
  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const birth = Date.UTC(year, month - 1, day);
  if (year < 1890 || !isRealDate(year, month, day) || birth > today.getTime()) return { ok: false, problem: 'birth_date' };
  if (checkDigitOf(normalized.slice(0, 17)) !== normalized[17]) return { ok: false, problem: 'check_digit' };
  return {
    ok: true,
    normalized,
    birthDate: `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`,
    gender: Number(normalized[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** `3404**********1234`: the first four and the last four characters. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return `${value.slice(0, 1)}${'*'.repeat(Math.max(value.length - 2, 1))}${value.slice(-1)}`;
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** `138****5678` for mobile numbers; other numbers keep their last four characters. */
export function maskPhone(value: string): string {
  if (/^1\d{10}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(7)}`;
  return value.length <= 4 ? '*'.repeat(value.length) : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}

/** Whole years between the birth date (YYYY-MM-DD) and `on`. */
export function ageOn(birthDate: string, on: Date = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getFullYear() - y;
  if (on.getMonth() + 1 < m || (on.getMonth() + 1 === m && on.getDate() < d)) age--;
  return age;
}
