import { describe, expect, it } from 'vitest';
import { scoreYearOf, signMatches, sourceLabelOf, totalsOf } from './member-scores.rules';

describe('member score rules', () => {
  it('counts the year in China time', () => {
    // 1 January 2027 at 01:00 in Beijing is still 31 December 2026 in UTC.
    expect(scoreYearOf(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(scoreYearOf(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });

  it('names the source once', () => {
    expect(sourceLabelOf('wish', '为王阿姨买收音机')).toBe('微心愿：为王阿姨买收音机');
    expect(sourceLabelOf('enrolment', '到社区报到：朝阳社区大党委')).toBe('到社区报到：朝阳社区大党委');
  });

  it('keeps a manual entry in the item’s direction', () => {
    expect(signMatches(5, 2.5)).toBe(true);
    expect(signMatches(-5, -1)).toBe(true);
    expect(signMatches(-5, 3)).toBe(false);
    expect(signMatches(3, -3)).toBe(false);
  });

  it('totals approved points per dimension only, to one decimal', () => {
    const totals = totalsOf([
      { dimension: 'purpose', points: 0.1, status: 'approved' },
      { dimension: 'purpose', points: 0.2, status: 'approved' },
      { dimension: 'vanguard', points: 5, status: 'pending' },
      { dimension: 'organisation', points: -2, status: 'approved' },
      { dimension: 'party_spirit', points: 3, status: 'rejected' },
    ]);
    expect(totals).toEqual({ total: -1.7, dimensions: { party_spirit: 0, purpose: 0.3, organisation: -2, vanguard: 0 } });
  });
});
