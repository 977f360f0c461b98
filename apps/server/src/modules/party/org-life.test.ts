import { describe, expect, it } from 'vitest';
import { countPeriods, effectiveFrequency, periodsOf, scoreItemOf, typeFitsOrg } from './org-life.rules';
import { chinaDay } from '../../platform/china-time';

describe('org-life rules', () => {
  it('cuts a year into periods at midnight China time', () => {
    const quarters = periodsOf('quarter', 2025);
    expect(quarters.map((q) => q.label)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(quarters[0]!.start.toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect(quarters[3]!.end.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(periodsOf('month', 2025)).toHaveLength(12);
    expect(periodsOf('half_year', 2025).map((p) => p.label)).toEqual(['2025-H1', '2025-H2']);
    expect(periodsOf('year', 2025).map((p) => p.label)).toEqual(['2025']);
    // 23:30 UTC on 31 March is already 1 April in China.
    expect(chinaDay(new Date('2025-03-31T23:30:00Z'))).toBe('2025-04-01');
  });

  it('flags a period missing only once it is over and short', () => {
    const months = periodsOf('month', 2025).slice(0, 3);
    const held = [new Date('2025-01-10T01:00:00Z'), new Date('2025-01-20T01:00:00Z')];
    const now = new Date('2025-02-15T00:00:00Z');
    expect(countPeriods(months, held, 1, now)).toEqual([
      { label: '2025-01', required: 1, held: 2, open: false, missing: false },
      { label: '2025-02', required: 1, held: 0, open: true, missing: false },
      { label: '2025-03', required: 1, held: 0, open: true, missing: false },
    ]);
    expect(countPeriods(months, held, 3, new Date('2026-01-01T00:00:00Z')).map((p) => p.missing)).toEqual([true, true, true]);
  });

  it('takes the nearest configured place', () => {
    const settings = [{ path: '/1/', n: 'district' }, { path: '/1/2/3/', n: 'community' }, { path: '/1/9/', n: 'elsewhere' }];
    expect(effectiveFrequency(settings, '/1/2/3/4/')?.n).toBe('community');
    expect(effectiveFrequency(settings, '/1/2/5/')?.n).toBe('district');
    expect(effectiveFrequency(settings, '/7/')).toBeUndefined();
  });

  it('matches session types to orgs and attendance to score items', () => {
    expect(typeFitsOrg('group_meeting', 'group')).toBe(true);
    expect(typeFitsOrg('theme_day', 'group')).toBe(false);
    expect(typeFitsOrg('group_meeting', 'branch')).toBe(false);
    expect(typeFitsOrg('party_lecture', 'community_committee')).toBe(true);
    expect(typeFitsOrg('branch_general_meeting', 'working_committee')).toBe(false);
    expect([scoreItemOf('present'), scoreItemOf('absent'), scoreItemOf('excused'), scoreItemOf(null)]).toEqual(['session-attendance', 'session-absence', null, null]);
  });
});
