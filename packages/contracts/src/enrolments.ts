import { z } from 'zod';
import { Id, PageQuery } from './common';
import { CalendarDate, MemberStatus } from './party-members';
import { MobileOrLandline } from './residents';

/** 在职党员到社区报到: waiting for the community's decision, approved (a member record exists), or rejected. */
export const ENROLMENT_STATES = ['pending', 'approved', 'rejected'] as const;
export const EnrolmentState = z.enum(ENROLMENT_STATES);
export type EnrolmentState = z.infer<typeof EnrolmentState>;

export const CreateEnrolment = z.strictObject({
  /** The community where the member lives. */
  communityId: Id,
  /** Only used when the account is not linked to a resident record (the record's name wins). */
  name: z.string().trim().min(1).max(50).optional(),
  employer: z.string().trim().min(1).max(100),
  /** 所在单位党组织. */
  homeOrgName: z.string().trim().min(1).max(100),
  status: MemberStatus,
  probationaryOn: CalendarDate.nullable().optional(),
  fullOn: CalendarDate.nullable().optional(),
  phone: MobileOrLandline,
  note: z.string().trim().max(300).nullable().optional(),
});
export type CreateEnrolment = z.input<typeof CreateEnrolment>;

export const Enrolment = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  communityId: Id,
  communityName: z.string(),
  employer: z.string(),
  homeOrgName: z.string(),
  status: MemberStatus,
  probationaryOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  /** Masked. */
  phone: z.string(),
  note: z.string().nullable(),
  state: EnrolmentState,
  rejectReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The member record created on approval. */
  memberId: Id.nullable(),
  /** Member-score points the approval earned. */
  points: z.number(),
  createdAt: z.string(),
});
export type Enrolment = z.infer<typeof Enrolment>;

/** A community the signed-in user lives in (above the places of their own roles): where they may enrol. */
export const HomeCommunity = z.object({ id: Id, name: z.string() });
export type HomeCommunity = z.infer<typeof HomeCommunity>;

export const EnrolmentListQuery = PageQuery.extend({
  state: EnrolmentState.optional(),
  communityId: Id.optional(),
  /** Only the caller's own enrolments (the mobile page). */
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type EnrolmentListQuery = z.input<typeof EnrolmentListQuery>;

export const RejectBody = z.strictObject({ reason: z.string().trim().min(1).max(300) });
export type RejectBody = z.input<typeof RejectBody>;

/** 服务岗位 kinds: 政策宣传、矛盾调解、文明劝导、疫情防控、助老服务、其他. */
export const SERVICE_POST_KINDS = ['policy_publicity', 'dispute_mediation', 'civility_persuasion', 'epidemic_duty', 'elderly_care', 'other'] as const;
export const ServicePostKind = z.enum(SERVICE_POST_KINDS);
export type ServicePostKind = z.infer<typeof ServicePostKind>;

export const SERVICE_POST_STATUSES = ['open', 'closed'] as const;
export const ServicePostStatus = z.enum(SERVICE_POST_STATUSES);
export type ServicePostStatus = z.infer<typeof ServicePostStatus>;

export const CreateServicePost = z.strictObject({
  /** A community or one of its grids. */
  placeId: Id,
  kind: ServicePostKind,
  title: z.string().trim().min(2).max(50),
  description: z.string().trim().max(1000).nullable().optional(),
  capacity: z.number().int().min(1).max(500),
  startsOn: CalendarDate,
  endsOn: CalendarDate,
});
export type CreateServicePost = z.input<typeof CreateServicePost>;

export const HOURS_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export const HoursStatus = z.enum(HOURS_STATUSES);
export type HoursStatus = z.infer<typeof HoursStatus>;

export const ServiceHours = z.object({
  id: Id,
  claimId: Id,
  servedOn: z.string(),
  hours: z.number(),
  note: z.string().nullable(),
  status: HoursStatus,
  rejectReason: z.string().nullable(),
  /** Member-score points awarded on confirmation. */
  points: z.number(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ServiceHours = z.infer<typeof ServiceHours>;

export const ServicePostClaim = z.object({
  id: Id,
  postId: Id,
  postTitle: z.string(),
  postKind: ServicePostKind,
  memberId: Id,
  memberName: z.string(),
  employer: z.string().nullable(),
  claimedAt: z.string(),
  hoursLogged: z.number(),
  hoursConfirmed: z.number(),
  points: z.number(),
  hours: z.array(ServiceHours),
});
export type ServicePostClaim = z.infer<typeof ServicePostClaim>;

export const ServicePost = z.object({
  id: Id,
  placeId: Id,
  placeName: z.string(),
  kind: ServicePostKind,
  title: z.string(),
  description: z.string().nullable(),
  capacity: z.number().int(),
  claimedCount: z.number().int(),
  remaining: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: ServicePostStatus,
  /** The caller's own claim on it, if any. */
  myClaimId: Id.nullable(),
  /** Whether the caller may manage it (close, confirm hours). */
  manageable: z.boolean(),
  createdAt: z.string(),
});
export type ServicePost = z.infer<typeof ServicePost>;

export const ServicePostListQuery = PageQuery.extend({
  placeId: Id.optional(),
  status: ServicePostStatus.optional(),
  kind: ServicePostKind.optional(),
  /** Only posts with places left (the mobile page). */
  available: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ServicePostListQuery = z.input<typeof ServicePostListQuery>;

export const CreateClaim = z.strictObject({
  /** Staff claim on behalf of a member in their scope; a member omits it. */
  memberId: Id.optional(),
});
export type CreateClaim = z.input<typeof CreateClaim>;

export const LogHours = z.strictObject({
  servedOn: CalendarDate,
  /** In half-hour steps, more than 0 and at most 24 (checked by the server with a clear message). */
  hours: z.number(),
  note: z.string().trim().max(300).nullable().optional(),
});
export type LogHours = z.input<typeof LogHours>;

/** An hours entry waiting for (or past) staff confirmation, with its post and member. */
export const ServiceHoursEntry = ServiceHours.extend({
  postId: Id,
  postTitle: z.string(),
  memberId: Id,
  memberName: z.string(),
  employer: z.string().nullable(),
  placeName: z.string(),
});
export type ServiceHoursEntry = z.infer<typeof ServiceHoursEntry>;

export const ServiceHoursListQuery = PageQuery.extend({
  placeId: Id.optional(),
  status: HoursStatus.optional(),
});
export type ServiceHoursListQuery = z.input<typeof ServiceHoursListQuery>;

export const EmployerReportQuery = z.object({
  communityId: Id.optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});
export type EmployerReportQuery = z.input<typeof EmployerReportQuery>;

/** Per employer unit: who enrolled, the hours confirmed in the period, and which posts they served. */
export const EmployerReport = z.object({
  communityId: Id.nullable(),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      employer: z.string(),
      members: z.array(z.object({ memberId: Id, name: z.string(), homeOrgName: z.string().nullable(), enrolledOn: z.string(), hours: z.number() })),
      memberCount: z.number().int(),
      hoursConfirmed: z.number(),
      posts: z.array(z.object({ postId: Id, title: z.string(), hours: z.number() })),
    }),
  ),
  totals: z.object({ employers: z.number().int(), members: z.number().int(), hoursConfirmed: z.number() }),
});
export type EmployerReport = z.infer<typeof EmployerReport>;
