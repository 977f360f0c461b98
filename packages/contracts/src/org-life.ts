import { z } from 'zod';
import { Id, Name } from './common';
import { CalendarDate, MemberPosition } from './party-members';
import type { Locale } from './common';

type Text = Readonly<Record<Locale, string>>;

/** 三会一课 (支部党员大会、支委会、党小组会、党课) and 主题党日. */
export const ORG_LIFE_SESSION_TYPES = ['branch_general_meeting', 'branch_committee_meeting', 'group_meeting', 'party_lecture', 'theme_day'] as const;
export const OrgLifeSessionType = z.enum(ORG_LIFE_SESSION_TYPES);
export type OrgLifeSessionType = z.infer<typeof OrgLifeSessionType>;

export const ORG_LIFE_SESSION_TYPE_LABELS: Readonly<Record<OrgLifeSessionType, Text>> = {
  branch_general_meeting: { 'zh-CN': '支部党员大会', 'en-US': 'Branch general meeting' },
  branch_committee_meeting: { 'zh-CN': '支委会', 'en-US': 'Branch committee meeting' },
  group_meeting: { 'zh-CN': '党小组会', 'en-US': 'Party group meeting' },
  party_lecture: { 'zh-CN': '党课', 'en-US': 'Party lecture' },
  theme_day: { 'zh-CN': '主题党日', 'en-US': 'Theme day' },
};

export const ORG_LIFE_SESSION_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const OrgLifeSessionStatus = z.enum(ORG_LIFE_SESSION_STATUSES);
export type OrgLifeSessionStatus = z.infer<typeof OrgLifeSessionStatus>;

export const ORG_LIFE_SESSION_STATUS_LABELS: Readonly<Record<OrgLifeSessionStatus, Text>> = {
  planned: { 'zh-CN': '计划中', 'en-US': 'Planned' },
  held: { 'zh-CN': '已召开', 'en-US': 'Held' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
};

/** 出席 / 请假 / 缺席. */
export const SESSION_ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export const SessionAttendanceStatus = z.enum(SESSION_ATTENDANCE_STATUSES);
export type SessionAttendanceStatus = z.infer<typeof SessionAttendanceStatus>;

export const SESSION_ATTENDANCE_STATUS_LABELS: Readonly<Record<SessionAttendanceStatus, Text>> = {
  present: { 'zh-CN': '出席', 'en-US': 'Present' },
  excused: { 'zh-CN': '请假', 'en-US': 'Excused' },
  absent: { 'zh-CN': '缺席', 'en-US': 'Absent' },
};

/** The period a required frequency counts in: 每月 / 每季度 / 每半年 / 每年. */
export const FREQUENCY_PERIODS = ['month', 'quarter', 'half_year', 'year'] as const;
export const FrequencyPeriod = z.enum(FREQUENCY_PERIODS);
export type FrequencyPeriod = z.infer<typeof FrequencyPeriod>;

export const FREQUENCY_PERIOD_LABELS: Readonly<Record<FrequencyPeriod, Text>> = {
  month: { 'zh-CN': '每月', 'en-US': 'Monthly' },
  quarter: { 'zh-CN': '每季度', 'en-US': 'Quarterly' },
  half_year: { 'zh-CN': '每半年', 'en-US': 'Half-yearly' },
  year: { 'zh-CN': '每年', 'en-US': 'Yearly' },
};

const Instant = z.iso.datetime({ offset: true });

export const OrgLifeSession = z.object({
  id: Id,
  type: OrgLifeSessionType,
  orgId: Id,
  orgName: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string().nullable(),
  status: OrgLifeSessionStatus,
  cancelReason: z.string().nullable(),
  minutes: z.string().nullable(),
  attendeeCount: z.number().int(),
  presentCount: z.number().int(),
  excusedCount: z.number().int(),
  absentCount: z.number().int(),
  makeUpCount: z.number().int(),
  photoCount: z.number().int(),
  /** The caller's own attendance, when they are a required attendee (mobile "my sessions"). */
  myAttendance: SessionAttendanceStatus.nullable(),
  createdAt: z.string(),
});
export type OrgLifeSession = z.infer<typeof OrgLifeSession>;

export const SessionAttendee = z.object({
  memberId: Id,
  name: z.string(),
  position: MemberPosition.nullable(),
  orgName: z.string().nullable(),
  status: SessionAttendanceStatus.nullable(),
  note: z.string().nullable(),
  makeUp: z.object({ id: Id, studiedOn: z.string(), note: z.string().nullable() }).nullable(),
});
export type SessionAttendee = z.infer<typeof SessionAttendee>;

export const OrgLifeSessionDetail = OrgLifeSession.extend({ attendees: z.array(SessionAttendee) });
export type OrgLifeSessionDetail = z.infer<typeof OrgLifeSessionDetail>;

export const OrgLifeSessionListQuery = z.object({
  orgId: Id.optional(),
  type: OrgLifeSessionType.optional(),
  status: OrgLifeSessionStatus.optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  /** Only sessions the caller must attend (members without org-life.read always get these). */
  mine: z.enum(['attending']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type OrgLifeSessionListQuery = z.output<typeof OrgLifeSessionListQuery>;

const SessionTimes = { startsAt: Instant, endsAt: Instant };

export const CreateOrgLifeSession = z.strictObject({
  type: OrgLifeSessionType,
  orgId: Id,
  title: Name(200),
  ...SessionTimes,
  location: z.string().trim().max(200).optional(),
  /** Left out: the default for the type (all members, or the committee for a 支委会). */
  attendeeMemberIds: z.array(Id).max(2000).optional(),
});
export type CreateOrgLifeSession = z.infer<typeof CreateOrgLifeSession>;

export const UpdateOrgLifeSession = z.strictObject({
  title: Name(200).optional(),
  startsAt: Instant.optional(),
  endsAt: Instant.optional(),
  location: z.string().trim().max(200).nullable().optional(),
  minutes: z.string().max(20_000).nullable().optional(),
  status: OrgLifeSessionStatus.optional(),
  /** Required when cancelling. */
  cancelReason: z.string().trim().min(1).max(500).optional(),
  attendeeMemberIds: z.array(Id).max(2000).optional(),
});
export type UpdateOrgLifeSession = z.infer<typeof UpdateOrgLifeSession>;

export const SessionAttendanceEntry = z.strictObject({
  memberId: Id,
  status: SessionAttendanceStatus,
  note: z.string().trim().max(500).optional(),
});

export const SessionAttendanceSheet = z.strictObject({ entries: z.array(SessionAttendanceEntry).max(2000) });
export type SessionAttendanceSheet = z.infer<typeof SessionAttendanceSheet>;

export const CreateMakeUp = z.strictObject({
  memberId: Id,
  studiedOn: CalendarDate,
  note: z.string().trim().max(1000).optional(),
});
export type CreateMakeUp = z.infer<typeof CreateMakeUp>;

export const SessionPhoto = z.object({
  id: Id,
  mime: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  byteSize: z.number().int(),
  createdAt: z.string(),
});
export type SessionPhoto = z.infer<typeof SessionPhoto>;

export const SessionPhotoParams = z.object({ id: Id, photoId: Id });

export const OrgLifeFrequency = z.object({
  type: OrgLifeSessionType,
  period: FrequencyPeriod,
  /** Sessions required in each period. */
  requiredCount: z.number().int().min(1).max(31),
});
export type OrgLifeFrequency = z.infer<typeof OrgLifeFrequency>;

export const OrgLifeFrequenciesQuery = z.object({ placeId: Id.optional() });

export const OrgLifeFrequencies = z.object({
  placeId: Id,
  placeName: z.string(),
  items: z.array(OrgLifeFrequency.extend({ /** Where the value is set; null = the built-in default. */ setAt: z.string().nullable() })),
});
export type OrgLifeFrequencies = z.infer<typeof OrgLifeFrequencies>;

export const UpdateOrgLifeFrequencies = z.strictObject({
  /** A community, subdistrict or the district: the setting applies to every org under it. */
  placeId: Id,
  items: z.array(OrgLifeFrequency.strict()).min(1).max(ORG_LIFE_SESSION_TYPES.length),
});
export type UpdateOrgLifeFrequencies = z.infer<typeof UpdateOrgLifeFrequencies>;

export const CompletenessQuery = z.object({
  orgId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const CompletenessPeriod = z.object({
  /** `2026-03`, `2026-Q1`, `2026-H1` or `2026`. */
  label: z.string(),
  required: z.number().int(),
  held: z.number().int(),
  /** The period is over and fewer sessions were held than required. */
  missing: z.boolean(),
  /** The period has not ended yet. */
  open: z.boolean(),
});

export const CompletenessLine = z.object({
  type: OrgLifeSessionType,
  period: FrequencyPeriod,
  requiredCount: z.number().int(),
  periods: z.array(CompletenessPeriod),
  requiredTotal: z.number().int(),
  heldTotal: z.number().int(),
  missingPeriods: z.number().int(),
});

export const CompletenessOrg = z.object({
  orgId: Id,
  orgName: z.string(),
  orgType: z.enum(['branch', 'group']),
  lines: z.array(CompletenessLine),
  /** Present ÷ required attendees over the held sessions of the year; null when none was recorded. */
  attendanceRate: z.number().nullable(),
  missingPeriods: z.number().int(),
});

export const CompletenessReport = z.object({
  year: z.number().int(),
  orgs: z.array(CompletenessOrg),
});
export type CompletenessReport = z.infer<typeof CompletenessReport>;

export const OrgLifeExportQuery = z.object({
  orgId: Id.optional(),
  type: OrgLifeSessionType.optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});
