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

type Text = Readonly<Record<'zh-CN' | 'en-US', string>>;

export const MEMBER_STATUS_LABELS: Readonly<Record<MemberStatus, Text>> = {
  probationary: { 'zh-CN': '预备党员', 'en-US': 'Probationary' },
  full: { 'zh-CN': '正式党员', 'en-US': 'Full member' },
};

export const MEMBER_TYPE_LABELS: Readonly<Record<MemberType, Text>> = {
  resident: { 'zh-CN': '居住地党员', 'en-US': 'Resident' },
  in_service: { 'zh-CN': '在职党员', 'en-US': 'In-service' },
  mobile: { 'zh-CN': '流动党员', 'en-US': 'Mobile' },
  retired: { 'zh-CN': '离退休党员', 'en-US': 'Retired' },
  housebound: { 'zh-CN': '年老体弱党员', 'en-US': 'Elderly / housebound' },
};

export const MEMBER_POSITION_LABELS: Readonly<Record<MemberPosition, Text>> = {
  secretary: { 'zh-CN': '书记', 'en-US': 'Secretary' },
  deputy_secretary: { 'zh-CN': '副书记', 'en-US': 'Deputy secretary' },
  committee_member: { 'zh-CN': '委员', 'en-US': 'Committee member' },
  group_leader: { 'zh-CN': '党小组长', 'en-US': 'Group leader' },
};

/** The development stages in the order they must happen. */
export const MEMBER_STAGE_KEYS = ['appliedOn', 'activistOn', 'candidateOn', 'probationaryOn', 'fullOn'] as const;
export type MemberStageKey = (typeof MEMBER_STAGE_KEYS)[number];

export const MEMBER_STAGE_LABELS: Readonly<Record<MemberStageKey, Text>> = {
  appliedOn: { 'zh-CN': '递交入党申请', 'en-US': 'Applied' },
  activistOn: { 'zh-CN': '确定为入党积极分子', 'en-US': 'Activist' },
  candidateOn: { 'zh-CN': '确定为发展对象', 'en-US': 'Development candidate' },
  probationaryOn: { 'zh-CN': '接收为预备党员', 'en-US': 'Probationary member' },
  fullOn: { 'zh-CN': '转为正式党员', 'en-US': 'Full member' },
};

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const ContactPhone = z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: '请输入手机号或固定电话' });

/** Stage dates as a form sends them: each may be left out (unchanged) or cleared (null). */
export const MemberStagesInput = z.strictObject({
  appliedOn: CalendarDate.nullable().optional(),
  activistOn: CalendarDate.nullable().optional(),
  candidateOn: CalendarDate.nullable().optional(),
  probationaryOn: CalendarDate.nullable().optional(),
  fullOn: CalendarDate.nullable().optional(),
});

const memberFields = {
  /** Link to the residents register: name, gender and phone then come from there. */
  residentId: Id.nullable().optional(),
  name: z.string().trim().min(1).max(40).optional(),
  gender: z.enum(['male', 'female']).nullable().optional(),
  phone: ContactPhone.nullable().optional(),
  status: MemberStatus,
  type: MemberType,
  position: MemberPosition.nullable().optional(),
  stages: MemberStagesInput.optional(),
  employer: optionalText(100),
  homeOrgName: optionalText(100),
  mobileWhereabouts: optionalText(100),
  mobileContact: optionalText(100),
};

export const CreatePartyMember = z.strictObject({ orgId: Id, ...memberFields });
export type CreatePartyMember = z.input<typeof CreatePartyMember>;

/** The org changes only through a transfer (组织关系转接), which keeps the history. */
export const UpdatePartyMember = z.strictObject({
  ...memberFields,
  status: MemberStatus.optional(),
  type: MemberType.optional(),
});
export type UpdatePartyMember = z.input<typeof UpdatePartyMember>;

export const PartyMemberListQuery = z.object({
  /** Members of this org and of its sub-orgs. */
  orgId: Id.optional(),
  type: MemberType.optional(),
  status: MemberStatus.optional(),
  q: z.string().trim().max(20).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PartyMemberListQuery = z.input<typeof PartyMemberListQuery>;

export const PartyMemberExportQuery = PartyMemberListQuery.omit({ cursor: true, limit: true });

/** 组织关系转接: to an org of this tree, or out of the system to an org named by `toOrgName`. */
export const CreatePartyMemberTransfer = z.strictObject({
  toOrgId: Id.nullable().optional(),
  toOrgName: z.string().trim().min(1).max(100).nullable().optional(),
  transferredOn: CalendarDate,
  reason: z.string().trim().min(1).max(200),
});
export type CreatePartyMemberTransfer = z.input<typeof CreatePartyMemberTransfer>;

export const PartyMemberTransfer = z.object({
  id: Id,
  memberId: Id,
  fromOrgId: Id.nullable(),
  fromOrgName: z.string().nullable(),
  toOrgId: Id.nullable(),
  toOrgName: z.string(),
  transferredOn: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});
export type PartyMemberTransfer = z.infer<typeof PartyMemberTransfer>;

export const MEMBER_TIMELINE_KINDS = ['stage', 'transfer', 'created', 'updated'] as const;

/** One line of a member's history, newest first: `at` is a date (stages, transfers) or a timestamp (record changes). */
export const MemberTimelineEntry = z.object({
  kind: z.enum(MEMBER_TIMELINE_KINDS),
  at: z.string(),
  stage: z.enum(MEMBER_STAGE_KEYS).nullable(),
  fromOrgName: z.string().nullable(),
  toOrgName: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  /** Field names a record change touched (values stay in the audit log). */
  changedFields: z.array(z.string()),
});
export type MemberTimelineEntry = z.infer<typeof MemberTimelineEntry>;

export const MemberTimeline = z.object({ items: z.array(MemberTimelineEntry) });

export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' });

export const PartyAnniversaryQuery = z.object({
  orgId: Id.optional(),
  /** Default: the coming month. */
  month: YearMonth.optional(),
});

/** 政治生日: the day a member was admitted (probationary), in the month asked for. */
export const PartyAnniversary = z.object({
  memberId: Id,
  name: z.string(),
  orgId: Id.nullable(),
  orgName: z.string().nullable(),
  joinedOn: z.string(),
  /** The anniversary in that month (`YYYY-MM-DD`; 29 February falls on the 28th in other years). */
  date: z.string(),
  years: z.number().int(),
});
export type PartyAnniversary = z.infer<typeof PartyAnniversary>;

export const PartyAnniversaryList = z.object({ month: z.string(), items: z.array(PartyAnniversary) });
export type PartyAnniversaryList = z.infer<typeof PartyAnniversaryList>;
