import { MEMBER_STAGE_KEYS, MEMBER_STAGE_LABELS, type Locale, type MemberStages, type MemberStatus, type MemberType } from '@gridwork/contracts';
import { AppError } from '../../platform/errors';
import { chinaDay } from '../../platform/china-time';

/** What the register rules look at: the record as it would be after the change. */
export interface MemberFacts {
  readonly status: MemberStatus;
  readonly type: MemberType;
  readonly stages: MemberStages;
  readonly employer: string | null;
  readonly mobileWhereabouts: string | null;
  readonly mobileContact: string | null;
}



/**
 * The register's rules, in the order a clerk would fix them: stages in order and not in the future,
 * the status matching the dates, and the details each member type needs. Throws a 422 with a
 * Chinese message; returns nothing when the record is fine.
 */
export function checkMemberRules(facts: MemberFacts, locale: Locale, today: string = chinaDay()): void {
  let previous: { key: (typeof MEMBER_STAGE_KEYS)[number]; date: string } | undefined;
  for (const key of MEMBER_STAGE_KEYS) {
    const date = facts.stages[key];
    if (!date) continue;
    if (date > today) throw new AppError(422, 'party_member_stage_future', { stage: MEMBER_STAGE_LABELS[key][locale] });
    if (previous && date < previous.date) {
      throw new AppError(422, 'party_member_stage_order', { earlier: MEMBER_STAGE_LABELS[previous.key][locale], later: MEMBER_STAGE_LABELS[key][locale] });
    }
    previous = { key, date };
  }
  if (facts.status === 'full' && !facts.stages.fullOn) throw new AppError(422, 'party_member_full_needs_date');
  if (facts.status === 'probationary') {
    if (!facts.stages.probationaryOn) throw new AppError(422, 'party_member_probationary_needs_date');
    if (facts.stages.fullOn) throw new AppError(422, 'party_member_probationary_has_full');
  }
  if (facts.type === 'mobile' && (!facts.mobileWhereabouts || !facts.mobileContact)) throw new AppError(422, 'party_member_mobile_needs_contact');
  if (facts.type === 'in_service' && !facts.employer) throw new AppError(422, 'party_member_in_service_needs_employer');
}

/** 政治生日 as `MM-DD`: the day the member was admitted as probationary. */
export function partyAnniversaryOf(probationaryOn: string | null): string | null {
  return probationaryOn ? probationaryOn.slice(5, 10) : null;
}

/** Whole years in the party on `today` (both `YYYY-MM-DD`), counted from admission. */
export function partyYearsOn(probationaryOn: string | null, today: string): number | null {
  if (!probationaryOn) return null;
  const years = Number(today.slice(0, 4)) - Number(probationaryOn.slice(0, 4));
  return today.slice(5, 10) >= probationaryOn.slice(5, 10) ? years : years - 1;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The anniversary of `probationaryOn` in `year`: 29 February is kept on the 28th in other years. */
export function anniversaryIn(probationaryOn: string, year: number): string {
  const monthDay = probationaryOn.slice(5, 10);
  return `${year}-${monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay}`;
}

/** The month after the one `today` is in, as `YYYY-MM`. */
export function comingMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
