import { z } from 'zod';
import { Id } from './common';

/** 正式党员 / 预备党员. */
export const MEMBER_STATUSES = ['probationary', 'full'] as const;
export const MemberStatus = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof MemberStatus>;

/** 居住地党员 / 在职党员 / 流动党员 / 离退休党员 / 年老体弱（行动不便）党员. */
export const MEMBER_TYPES = ['resident', 'in_service', 'mobile', 'retired', 'housebound'] as const;
export const MemberType = z.enum(MEMBER_TYPES);
export type MemberType = z.infer<typeof MemberType>;

/** 书记 / 副书记 / 委员 / 党小组长: who in an org gets its reminders. */
export const MEMBER_POSITIONS = ['secretary', 'deputy_secretary', 'committee_member', 'group_leader'] as const;
export const MemberPosition = z.enum(MEMBER_POSITIONS);
export type MemberPosition = z.infer<typeof MemberPosition>;

/** A calendar date, `YYYY-MM-DD`, that really exists. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: '日期不存在' });

/** Development stages (入党申请 → 积极分子 → 发展对象 → 预备党员 → 正式党员), each a date. */
export const MemberStages = z.object({
  appliedOn: CalendarDate.nullable(),
  activistOn: CalendarDate.nullable(),
  candidateOn: CalendarDate.nullable(),
  probationaryOn: CalendarDate.nullable(),
  fullOn: CalendarDate.nullable(),
});
export type MemberStages = z.infer<typeof MemberStages>;

export const PartyMember = z.object({
  id: Id,
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  /** Masked unless revealed through the resident record. */
  phone: z.string().nullable(),
  orgId: Id.nullable(),
  orgName: z.string().nullable(),
  status: MemberStatus,
  type: MemberType,
  position: MemberPosition.nullable(),
  stages: MemberStages,
  /** 政治生日: month and day of joining (`MM-DD`), from the probationary date. */
  partyAnniversary: z.string().nullable(),
  partyYears: z.number().int().nullable(),
  employer: z.string().nullable(),
  homeOrgName: z.string().nullable(),
  mobileWhereabouts: z.string().nullable(),
  mobileContact: z.string().nullable(),
  residentId: Id.nullable(),
  userId: Id.nullable(),
  placeId: Id,
  placeName: z.string(),
  createdAt: z.string(),
});
export type PartyMember = z.infer<typeof PartyMember>;
