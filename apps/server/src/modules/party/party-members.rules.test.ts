import { describe, expect, it } from 'vitest';
import type { MemberStages } from '@gridwork/contracts';
import { AppError } from '../../platform/errors';
import { anniversaryIn, checkMemberRules, comingMonth, partyAnniversaryOf, partyYearsOn, type MemberFacts } from './party-members.rules';
import { chinaDay } from '../../platform/china-time';

const stages: MemberStages = { appliedOn: '2001-03-01', activistOn: '2001-09-01', candidateOn: '2002-06-01', probationaryOn: '2003-03-15', fullOn: '2004-03-15' };
const facts: MemberFacts = { status: 'full', type: 'resident', stages, employer: null, mobileWhereabouts: null, mobileContact: null };

function codeOf(f: MemberFacts): string | null {
  try {
    checkMemberRules(f, 'zh-CN', '2026-11-22');
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('member register rules', () => {
  it('accepts stages in order, equal dates and missing stages', () => {
    expect(codeOf(facts)).toBeNull();
    expect(codeOf({ ...facts, stages: { ...stages, activistOn: '2001-03-01', appliedOn: null } })).toBeNull();
  });

  it('names the two stages out of order, in Chinese', () => {
    try {
      checkMemberRules({ ...facts, stages: { ...stages, candidateOn: '2001-05-01' } }, 'zh-CN', '2026-11-22');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'party_member_stage_order', params: { earlier: '确定为入党积极分子', later: '确定为发展对象' } });
    }
  });

  it('refuses dates after today, a status without its date, and missing details of a type', () => {
    expect(codeOf({ ...facts, stages: { ...stages, fullOn: '2026-11-23' } })).toBe('party_member_stage_future');
    expect(codeOf({ ...facts, stages: { ...stages, fullOn: null } })).toBe('party_member_full_needs_date');
    expect(codeOf({ ...facts, status: 'probationary', stages: { ...stages, probationaryOn: null, fullOn: null } })).toBe('party_member_probationary_needs_date');
    expect(codeOf({ ...facts, status: 'probationary' })).toBe('party_member_probationary_has_full');
    expect(codeOf({ ...facts, type: 'mobile', mobileWhereabouts: '苏州' })).toBe('party_member_mobile_needs_contact');
    expect(codeOf({ ...facts, type: 'mobile', mobileWhereabouts: '苏州', mobileContact: '微信' })).toBeNull();
    expect(codeOf({ ...facts, type: 'in_service' })).toBe('party_member_in_service_needs_employer');
  });
});

describe('party anniversary', () => {
  it('is the admission day; years count whole years', () => {
    expect(partyAnniversaryOf('2003-03-15')).toBe('03-15');
    expect(partyAnniversaryOf(null)).toBeNull();
    expect(partyYearsOn('2003-03-15', '2026-03-14')).toBe(22);
    expect(partyYearsOn('2003-03-15', '2026-03-15')).toBe(23);
    expect(partyYearsOn(null, '2026-03-15')).toBeNull();
  });

  it('keeps 29 February on the 28th in other years', () => {
    expect(anniversaryIn('2004-02-29', 2026)).toBe('2026-02-28');
    expect(anniversaryIn('2004-02-29', 2028)).toBe('2028-02-29');
  });

  it('the coming month rolls over the year; today is Beijing’s date', () => {
    expect(comingMonth('2026-11-22')).toBe('2026-12');
    expect(comingMonth('2026-12-31')).toBe('2027-01');
    expect(chinaDay(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
});
