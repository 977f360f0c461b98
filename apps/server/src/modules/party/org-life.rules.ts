import { chinaMidnight } from '../../platform/china-time';
import type { SessionAttendanceStatus, AutoScoreItem, FrequencyPeriod, OrgLifeFrequency, OrgLifeSessionType, PartyOrgType } from '@gridwork/contracts';

/** The usual requirements (支部党员大会每季度、支委会每月、党小组会每月、党课每季度、主题党日每月), until configured. */
export const DEFAULT_FREQUENCIES: Readonly<Record<OrgLifeSessionType, Omit<OrgLifeFrequency, 'type'>>> = {
  branch_general_meeting: { period: 'quarter', requiredCount: 1 },
  branch_committee_meeting: { period: 'month', requiredCount: 1 },
  group_meeting: { period: 'month', requiredCount: 1 },
  party_lecture: { period: 'quarter', requiredCount: 1 },
  theme_day: { period: 'month', requiredCount: 1 },
};

/** A 党小组 holds group meetings; the other kinds belong to a branch (or a community committee). */
export function typeFitsOrg(type: OrgLifeSessionType, orgType: PartyOrgType): boolean {
  if (orgType === 'group') return type === 'group_meeting';
  if (type === 'group_meeting') return false;
  return orgType === 'branch' || orgType === 'community_committee';
}

/** Session types an org of this kind is measured against in the completeness report. */
export function typesRequiredOf(orgType: 'branch' | 'group'): readonly OrgLifeSessionType[] {
  return orgType === 'group' ? ['group_meeting'] : ['branch_general_meeting', 'branch_committee_meeting', 'party_lecture', 'theme_day'];
}

/** 支委会: the committee; every other session: all members of the org and its sub-orgs. */
export function defaultAttendeesAreCommittee(type: OrgLifeSessionType): boolean {
  return type === 'branch_committee_meeting';
}

export const COMMITTEE_POSITIONS = ['secretary', 'deputy_secretary', 'committee_member'] as const;

/** Which automatic score item an attendance status earns (excused and unrecorded earn none). */
export function scoreItemOf(status: SessionAttendanceStatus | null): AutoScoreItem | null {
  if (status === 'present') return 'session-attendance';
  if (status === 'absent') return 'session-absence';
  return null;
}

export interface Period {
  readonly label: string;
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
}

const MONTHS_PER_PERIOD: Readonly<Record<FrequencyPeriod, number>> = { month: 1, quarter: 3, half_year: 6, year: 12 };

function labelOf(period: FrequencyPeriod, year: number, index: number): string {
  switch (period) {
    case 'month':
      return `${year}-${String(index + 1).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${index + 1}`;
    case 'half_year':
      return `${year}-H${index + 1}`;
    case 'year':
      return String(year);
  }
}

/** The periods of a year, in China time. */
export function periodsOf(period: FrequencyPeriod, year: number): Period[] {
  const months = MONTHS_PER_PERIOD[period];
  const result: Period[] = [];
  for (let i = 0; i < 12 / months; i++) {
    const startMonth = i * months;
    const endMonth = startMonth + months;
    const start = chinaMidnight(`${year}-${String(startMonth + 1).padStart(2, '0')}-01`);
    const end = endMonth === 12 ? chinaMidnight(`${year + 1}-01-01`) : chinaMidnight(`${year}-${String(endMonth + 1).padStart(2, '0')}-01`);
    result.push({ label: labelOf(period, year, i), start, end });
  }
  return result;
}

export interface PeriodCount {
  readonly label: string;
  readonly required: number;
  readonly held: number;
  readonly missing: boolean;
  readonly open: boolean;
}

/** Held sessions counted into each period; a period is missing only once it is over. */
export function countPeriods(periods: readonly Period[], heldAt: readonly Date[], requiredCount: number, now: Date): PeriodCount[] {
  return periods.map((p) => {
    const held = heldAt.filter((at) => at >= p.start && at < p.end).length;
    const open = now < p.end;
    return { label: p.label, required: requiredCount, held, open, missing: !open && held < requiredCount };
  });
}

/** The nearest place's setting wins: paths are prefixes, so the longest matching one is the nearest. */
export function effectiveFrequency<T extends { readonly path: string }>(settings: readonly T[], orgPath: string): T | undefined {
  let best: T | undefined;
  for (const s of settings) if (orgPath.startsWith(s.path) && (!best || s.path.length > best.path.length)) best = s;
  return best;
}
