import { z } from 'zod';
import { Id, PageQuery } from './common';
import { ServiceColour } from './volunteers';

/** 志愿服务 · 大讲堂 · 文体活动 · 主题党日. */
export const EVENT_TYPES = ['volunteer_service', 'lecture', 'culture_sports', 'theme_day'] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/** Stored: draft, published, cancelled; `finished` is shown for a published event whose end has passed. */
export const EVENT_STATUSES = ['draft', 'published', 'cancelled', 'finished'] as const;
export const EventStatus = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof EventStatus>;

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export const SignupStatus = z.enum(SIGNUP_STATUSES);
export type SignupStatus = z.infer<typeof SignupStatus>;

export const ATTENDANCE_STATUSES = ['checked_in', 'checked_out', 'confirmed'] as const;
export const AttendanceStatus = z.enum(ATTENDANCE_STATUSES);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

const When = z.iso.datetime({ offset: true });

export const Attendance = z.object({
  id: Id,
  eventId: Id,
  residentId: Id,
  residentName: z.string(),
  status: AttendanceStatus,
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  /** Clipped to the event's time, rounded to half hours. */
  hours: z.number().nullable(),
  points: z.number().int().nullable(),
  confirmedAt: z.string().nullable(),
});
export type Attendance = z.infer<typeof Attendance>;

export const MySignup = z.object({ id: Id, status: SignupStatus, position: z.number().int().nullable() });

export const Event = z.object({
  id: Id,
  title: z.string(),
  type: EventType,
  colour: z.string(),
  placeId: Id,
  placeName: z.string(),
  address: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  signupOpensAt: z.string(),
  signupClosesAt: z.string(),
  pointsPerHour: z.number().int(),
  description: z.string().nullable(),
  status: EventStatus,
  organiserName: z.string(),
  signedUp: z.number().int(),
  waitlisted: z.number().int(),
  mySignup: MySignup.nullable(),
  /** The viewer's own check-in at this event, so the phone knows after a reload whether they checked in or out. */
  myAttendance: Attendance.nullable(),
  /** The viewer may organise it (check-in sheet, codes, confirmation). */
  canManage: z.boolean(),
  createdAt: z.string(),
});
export type Event = z.infer<typeof Event>;

/**
 * The time rules of an event: ends after it starts, the sign-up window closes by the end and opens before
 * it closes. Shared by creation (on the body) and editing (on the stored event merged with the change).
 */
export function eventTimeIssues(e: { startsAt: string; endsAt: string; signupOpensAt?: string | undefined; signupClosesAt?: string | undefined }): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (!(Date.parse(e.endsAt) > Date.parse(e.startsAt))) issues.push({ path: 'endsAt', message: '结束时间须晚于开始时间' });
  if (e.signupClosesAt && Date.parse(e.signupClosesAt) > Date.parse(e.endsAt)) issues.push({ path: 'signupClosesAt', message: '报名截止须不晚于活动结束' });
  if (e.signupOpensAt && e.signupClosesAt && !(Date.parse(e.signupOpensAt) < Date.parse(e.signupClosesAt))) issues.push({ path: 'signupOpensAt', message: '报名开始须早于报名截止' });
  return issues;
}

export const CreateEvent = z
  .strictObject({
    title: z.string().trim().min(2).max(60),
    type: EventType,
    colour: ServiceColour.default('red'),
    /** The community or grid holding the event. */
    placeId: Id,
    address: z.string().trim().max(100).nullable().optional(),
    startsAt: When,
    endsAt: When,
    capacity: z.number().int().min(1).max(10_000),
    /** Defaults: sign-up opens now and closes when the event starts. */
    signupOpensAt: When.optional(),
    signupClosesAt: When.optional(),
    pointsPerHour: z.number().int().min(0).max(1000).default(10),
    description: z.string().trim().max(2000).nullable().optional(),
    status: z.enum(['draft', 'published']).default('published'),
  })
  .superRefine((e, ctx) => {
    for (const issue of eventTimeIssues(e)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type CreateEvent = z.input<typeof CreateEvent>;

/**
 * Editing an event: every field of creation but the place (moving it would change who may see it),
 * and the status moves draft → published, draft/published → cancelled. The time rules are checked on the
 * stored event merged with the change, so moving only the end still cannot put it before the start.
 */
export const UpdateEvent = z
  .strictObject({
    title: z.string().trim().min(2).max(60),
    type: EventType,
    colour: ServiceColour,
    address: z.string().trim().max(100).nullable(),
    startsAt: When,
    endsAt: When,
    capacity: z.number().int().min(1).max(10_000),
    signupOpensAt: When,
    signupClosesAt: When,
    pointsPerHour: z.number().int().min(0).max(1000),
    description: z.string().trim().max(2000).nullable(),
    /** Any stored status is accepted here so that a refused move (published → draft) gets a clear 409, not a 400. */
    status: z.enum(['draft', 'published', 'cancelled']),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateEvent = z.input<typeof UpdateEvent>;

export const EventListQuery = PageQuery.extend({
  placeId: Id.optional(),
  type: EventType.optional(),
  status: EventStatus.optional(),
  from: When.optional(),
  to: When.optional(),
  /** Only events I signed up for. */
  mine: z.enum(['true', 'false']).optional(),
});
export type EventListQuery = z.input<typeof EventListQuery>;

export const CreateSignup = z.strictObject({
  /** An organiser signs someone up from the register; a resident omits it. */
  residentId: Id.optional(),
});

export const Signup = z.object({
  id: Id,
  eventId: Id,
  residentId: Id,
  residentName: z.string(),
  status: SignupStatus,
  /** Place on the waiting list (1 = next), null when confirmed or cancelled. */
  position: z.number().int().nullable(),
  createdAt: z.string(),
});
export type Signup = z.infer<typeof Signup>;

export const SignupParams = z.object({ id: Id, signupId: Id });
export const AttendanceParams = z.object({ id: Id, attendanceId: Id });

/** A resident scans the organiser's code; the organiser records someone by hand (optionally at a given time). */
export const CheckInOut = z
  .strictObject({
    code: z.string().trim().regex(/^\d{6}$/).optional(),
    residentId: Id.optional(),
    at: When.optional(),
  })
  .refine((b) => !(b.code && b.residentId), { path: ['code'], message: '扫码与手工登记二选一' });
export type CheckInOut = z.input<typeof CheckInOut>;


/** One line of the check-in sheet: every sign-up, with its attendance if any. */
export const AttendanceSheetRow = z.object({
  signupId: Id,
  residentId: Id,
  residentName: z.string(),
  signupStatus: SignupStatus,
  position: z.number().int().nullable(),
  attendance: Attendance.nullable(),
});
export const AttendanceSheet = z.object({ eventId: Id, rows: z.array(AttendanceSheetRow) });
export type AttendanceSheet = z.infer<typeof AttendanceSheet>;

export const CheckInCode = z.object({
  code: z.string(),
  expiresAt: z.string(),
  /** What the QR code encodes. */
  qr: z.string(),
});
export type CheckInCode = z.infer<typeof CheckInCode>;

export const CalendarQuery = z.object({ communityId: Id });

/** 菜单式讲堂: residents propose and vote on what the lectures teach. */
export const LectureTopic = z.object({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  placeId: Id,
  placeName: z.string(),
  proposerName: z.string(),
  votes: z.number().int(),
  votedByMe: z.boolean(),
  createdAt: z.string(),
});
export type LectureTopic = z.infer<typeof LectureTopic>;

export const CreateLectureTopic = z.strictObject({
  title: z.string().trim().min(2).max(40),
  description: z.string().trim().max(500).nullable().optional(),
  /** Defaults to the proposer's community. */
  placeId: Id.optional(),
});
export type CreateLectureTopic = z.input<typeof CreateLectureTopic>;

export const LectureTopicListQuery = PageQuery.extend({ placeId: Id.optional() });

export const EVENT_TYPE_LABELS = {
  volunteer_service: { 'zh-CN': '志愿服务', 'en-US': 'Volunteer service' },
  lecture: { 'zh-CN': '大讲堂', 'en-US': 'Lecture' },
  culture_sports: { 'zh-CN': '文体活动', 'en-US': 'Culture and sports' },
  theme_day: { 'zh-CN': '主题党日', 'en-US': 'Theme day' },
} as const satisfies Record<EventType, Record<'zh-CN' | 'en-US', string>>;

export const EVENT_STATUS_LABELS = {
  draft: { 'zh-CN': '草稿', 'en-US': 'Draft' },
  published: { 'zh-CN': '报名中', 'en-US': 'Published' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
  finished: { 'zh-CN': '已结束', 'en-US': 'Finished' },
} as const satisfies Record<EventStatus, Record<'zh-CN' | 'en-US', string>>;
