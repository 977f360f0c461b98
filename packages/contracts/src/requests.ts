import { z } from 'zod';
import { Id, Name, PageQuery } from './common';
import { MobileOrLandline } from './residents';

/** Where a request came in (爱心快递: 全面接单 from every channel, 主动接单 proactive discovery). */
export const REQUEST_CHANNELS = ['mobile', 'patrol', 'counter', 'phone', 'council', 'proactive', 'open311'] as const;
export const RequestChannel = z.enum(REQUEST_CHANNELS);
export type RequestChannel = z.infer<typeof RequestChannel>;

/** 三事分流: 大事 major, 小事 minor, 私事 private. */
export const TRIAGES = ['major', 'minor', 'private'] as const;
export const Triage = z.enum(TRIAGES);
export type Triage = z.infer<typeof Triage>;

/** 一般 / 紧急 / 特急 */
export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;

/** The register's lifecycle (台账): 待受理 → 已受理 → 已派单 → 办理中 → 已办结 → 已回访 → 已关闭, or 已退回. */
export const REQUEST_STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'followed_up', 'closed', 'rejected'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** Statuses that still need work; the rest are done (Open311 "closed"). */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'followed_up'];

export const REQUEST_ACTIONS = ['accept', 'assign', 'start', 'resolve', 'follow-up', 'close', 'reject', 'reopen', 'transfer', 'escalate'] as const;
export const RequestAction = z.enum(REQUEST_ACTIONS);
export type RequestAction = z.infer<typeof RequestAction>;

/** History also records what the system did by itself. */
export const REQUEST_EVENT_KINDS = ['create', ...REQUEST_ACTIONS, 'triage', 'note', 'due-soon', 'overdue'] as const;
export const RequestEventKind = z.enum(REQUEST_EVENT_KINDS);
export type RequestEventKind = z.infer<typeof RequestEventKind>;

/** Maintained by the deadline job. */
export const DueState = z.enum(['none', 'on_track', 'due_soon', 'overdue']);
export type DueState = z.infer<typeof DueState>;

export const SlaHours = z.strictObject({
  normal: z.number().int().min(1).max(24 * 90),
  urgent: z.number().int().min(1).max(24 * 90),
  critical: z.number().int().min(1).max(24 * 90),
});
export type SlaHours = z.infer<typeof SlaHours>;

export const CategoryCode = z.string().trim().min(2).max(40).regex(/^[a-z][a-z0-9_.-]*$/);

export const RequestCategory = z.object({
  id: Id,
  code: z.string(),
  parentId: Id.nullable(),
  name: z.string(),
  /** The triage suggested for this category (staff confirm or change it). */
  defaultTriage: Triage,
  keywords: z.array(z.string()),
  slaHours: SlaHours,
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type RequestCategory = z.infer<typeof RequestCategory>;

export const UpsertRequestCategory = z.strictObject({
  code: CategoryCode,
  parentCode: CategoryCode.nullable().optional(),
  name: Name(40),
  defaultTriage: Triage,
  keywords: z.array(z.string().trim().min(1).max(20)).max(40).default([]),
  slaHours: SlaHours,
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(9999).default(0),
});
export type UpsertRequestCategory = z.input<typeof UpsertRequestCategory>;

export const GeoPoint = z.strictObject({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const MAX_REQUEST_PHOTOS = 9;

export const CreateRequest = z
  .strictObject({
    channel: RequestChannel.exclude(['open311']).default('mobile'),
    /** A category code (a leaf or an inner node of the category tree). */
    category: CategoryCode,
    description: z.string().trim().min(5).max(2000),
    urgency: Urgency.default('normal'),
    location: GeoPoint.nullable().optional(),
    address: z.string().trim().max(200).nullable().optional(),
    /** A building or household place; the request goes to its grid when there is no location. */
    placeId: Id.nullable().optional(),
    /** The resident concerned, when known (staff and workers). */
    residentId: Id.nullable().optional(),
    contactName: z.string().trim().max(40).nullable().optional(),
    contactPhone: MobileOrLandline.nullable().optional(),
    /** 匿名: the reporter's identity is hidden from everyone but the system. */
    anonymous: z.boolean().default(false),
    /** May appear (without personal details) on the echo wall; consent is asked, never presumed. */
    publicConsent: z.boolean().default(false),
    /** Staged uploads from POST /request-photos. */
    photoIds: z.array(Id).max(MAX_REQUEST_PHOTOS).default([]),
    /** Staff at the counter may triage at intake; otherwise the suggestion stands until confirmed. */
    triage: Triage.optional(),
  });
export type CreateRequest = z.input<typeof CreateRequest>;

export const RequestPhoto = z.object({
  id: Id,
  kind: z.enum(['report', 'progress', 'result']),
  mime: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  url: z.string(),
});
export type RequestPhoto = z.infer<typeof RequestPhoto>;

export const StagedPhoto = RequestPhoto.omit({ kind: true });
export type StagedPhoto = z.infer<typeof StagedPhoto>;

export const RequestOwner = z.object({
  userId: Id.nullable(),
  name: z.string().nullable(),
  /** A partner unit, department or property company when the owner is not a user. */
  unit: z.string().nullable(),
});
export type RequestOwner = z.infer<typeof RequestOwner>;

export const RequestEvent = z.object({
  id: Id,
  kind: RequestEventKind,
  fromStatus: RequestStatus.nullable(),
  toStatus: RequestStatus.nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type RequestEvent = z.infer<typeof RequestEvent>;

export const ServiceRequestSummary = z.object({
  id: Id,
  reference: z.string(),
  status: RequestStatus,
  triage: Triage,
  triageConfirmed: z.boolean(),
  category: z.string(),
  categoryName: z.string(),
  channel: RequestChannel,
  urgency: Urgency,
  description: z.string(),
  placeId: Id,
  placeName: z.string(),
  deadline: z.string().nullable(),
  dueState: DueState,
  owner: RequestOwner.nullable(),
  escalationLevel: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceRequestSummary = z.infer<typeof ServiceRequestSummary>;

export const ServiceRequest = ServiceRequestSummary.extend({
  location: GeoPoint.nullable(),
  address: z.string().nullable(),
  residentId: Id.nullable(),
  /** Hidden (null) when the reporter chose anonymity and the viewer may not see it. */
  contactName: z.string().nullable(),
  /** Masked. */
  contactPhone: z.string().nullable(),
  anonymous: z.boolean(),
  publicConsent: z.boolean(),
  reporterIsMe: z.boolean(),
  /** The viewer follows this request (关注) and hears when it is answered. */
  following: z.boolean(),
  followers: z.number().int(),
  result: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  followUpComment: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  responsiblePlaceId: Id,
  responsiblePlaceName: z.string(),
  photos: z.array(RequestPhoto),
  history: z.array(RequestEvent),
  /** Actions the viewer may take now. */
  allowedActions: z.array(RequestAction),
});
export type ServiceRequest = z.infer<typeof ServiceRequest>;

const Note = z.string().trim().min(1).max(1000);

/** One body per action; `action` picks the shape. */
export const RequestTransition = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), triage: Triage.optional(), note: Note.optional() }),
  z.strictObject({
    action: z.literal('assign'),
    ownerUserId: Id.nullable().optional(),
    ownerUnit: z.string().trim().min(1).max(80).nullable().optional(),
    triage: Triage.optional(),
    /** Overrides the SLA deadline. */
    deadline: z.iso.datetime({ offset: true }).optional(),
    note: Note.optional(),
  }),
  z.strictObject({ action: z.literal('start'), note: Note.optional(), photoIds: z.array(Id).max(MAX_REQUEST_PHOTOS).default([]) }),
  z.strictObject({ action: z.literal('resolve'), result: z.string().trim().min(2).max(2000), photoIds: z.array(Id).max(MAX_REQUEST_PHOTOS).default([]) }),
  z.strictObject({
    action: z.literal('follow-up'),
    method: z.enum(['call', 'visit', 'self']),
    satisfaction: z.number().int().min(1).max(5),
    comment: z.string().trim().max(500).nullable().optional(),
  }),
  z.strictObject({ action: z.literal('close'), note: Note.optional() }),
  z.strictObject({ action: z.literal('reject'), reason: z.string().trim().min(2).max(500) }),
  z.strictObject({ action: z.literal('reopen'), reason: z.string().trim().min(2).max(500) }),
  z.strictObject({
    action: z.literal('transfer'),
    ownerUserId: Id.nullable().optional(),
    ownerUnit: z.string().trim().min(1).max(80).nullable().optional(),
    reason: z.string().trim().min(2).max(500),
  }),
  z.strictObject({ action: z.literal('escalate'), reason: z.string().trim().min(2).max(500) }),
]);
export type RequestTransition = z.input<typeof RequestTransition>;

const CsvOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

export const RequestListQuery = PageQuery.extend({
  status: CsvOf(RequestStatus).optional(),
  category: CategoryCode.optional(),
  triage: Triage.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  placeId: Id.optional(),
  channel: RequestChannel.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Only requests I own (my-work inbox), I reported (my requests) or I follow. */
  mine: z.enum(['owned', 'reported', 'followed']).optional(),
  /** Resolved requests waiting for a follow-up visit (回访). */
  awaitingFollowUp: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().max(50).optional(),
});
export type RequestListQuery = z.input<typeof RequestListQuery>;

export const NearbyQuery = z.object({
  category: CategoryCode,
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

export const NearbyRequest = z.object({
  id: Id,
  reference: z.string(),
  categoryName: z.string(),
  status: RequestStatus,
  description: z.string(),
  distanceMetres: z.number(),
  createdAt: z.string(),
});
export type NearbyRequest = z.infer<typeof NearbyRequest>;

export const TriageSuggestionQuery = z.object({
  category: CategoryCode,
  text: z.string().max(2000).default(''),
});
export const TriageSuggestion = z.object({
  triage: Triage,
  reason: z.string(),
});
export type TriageSuggestion = z.infer<typeof TriageSuggestion>;

export const RequestStatsQuery = z.object({
  placeId: Id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

const StatsFigures = {
  received: z.number().int(),
  resolved: z.number().int(),
  /** resolved / received, 0–1 */
  resolutionRate: z.number(),
  /** resolved on time / resolved, 0–1 */
  onTimeRate: z.number(),
  averageHandlingHours: z.number().nullable(),
  /** Mean 1–5 rating of followed-up requests. */
  satisfaction: z.number().nullable(),
  followedUp: z.number().int(),
};

export const RequestStats = z.object({
  placeId: Id,
  placeName: z.string(),
  from: z.string(),
  to: z.string(),
  ...StatsFigures,
  open: z.number().int(),
  overdue: z.number().int(),
  byCategory: z.array(z.object({ category: z.string(), name: z.string(), ...StatsFigures })),
  byTriage: z.array(z.object({ triage: Triage, ...StatsFigures })),
});
export type RequestStats = z.infer<typeof RequestStats>;

export const EchoWallQuery = z.object({
  communityId: Id,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const EchoWallItem = z.object({
  reference: z.string(),
  categoryName: z.string(),
  triage: Triage,
  status: RequestStatus,
  /** With phone numbers, ID numbers and names of people removed. */
  summary: z.string(),
  reply: z.string().nullable(),
  gridName: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
});
export type EchoWallItem = z.infer<typeof EchoWallItem>;

export const EchoWall = z.object({
  communityId: Id,
  communityName: z.string(),
  received: z.number().int(),
  resolved: z.number().int(),
  items: z.array(EchoWallItem),
  nextCursor: z.string().nullable(),
});
export type EchoWall = z.infer<typeof EchoWall>;

export const Notification = z.object({
  id: Id,
  kind: z.enum(['request-assigned', 'request-due-soon', 'request-overdue', 'request-escalated', 'request-answered', 'event-promoted', 'event-cancelled', 'wish-claimed', 'wish-fulfilled', 'wish-expired', 'party-anniversary', 'session-reminder', 'enrolment-approved', 'enrolment-rejected', 'post-hours-confirmed', 'post-hours-rejected', 'score-entry-decided']),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;

/** Server-Sent Event payload when a request lands in or changes within the viewer's scope. */
export const RequestLiveEvent = z.object({
  type: z.enum(['created', 'changed']),
  id: Id,
  reference: z.string(),
  status: RequestStatus,
  placeId: Id,
});
export type RequestLiveEvent = z.infer<typeof RequestLiveEvent>;

/** Someone who may own a request: a worker or staff member of its grid or above. */
export const Assignee = z.object({
  userId: Id,
  name: z.string(),
  role: z.string(),
  placeName: z.string(),
});
export type Assignee = z.infer<typeof Assignee>;

export const PublicCommunity = z.object({ id: Id, name: z.string(), subdistrictName: z.string() });
export type PublicCommunity = z.infer<typeof PublicCommunity>;
