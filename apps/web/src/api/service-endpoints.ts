/** The volunteer, event, points and charity-store APIs (志愿服务 · 活动 · 积分 · 爱心超市). */
import {
  Attendance as AttendanceSchema,
  AttendanceSheet as AttendanceSheetSchema,
  CheckInCode as CheckInCodeSchema,
  Event as EventSchema,
  LectureTopic as LectureTopicSchema,
  LedgerCheck as LedgerCheckSchema,
  PointsAccount as PointsAccountSchema,
  PointsEntry as PointsEntrySchema,
  Signup as SignupSchema,
  StoreDonation as StoreDonationSchema,
  StoreGoods as StoreGoodsSchema,
  StoreRedemption as StoreRedemptionSchema,
  StoreReport as StoreReportSchema,
  Team as TeamSchema,
  Volunteer as VolunteerSchema,
  VolunteerStats as VolunteerStatsSchema,
  pageOf,
} from '@gridwork/contracts';
import { request } from './client';
import type { Page } from './types';
import type {
  Attendance,
  AttendanceSheet,
  CheckInCode,
  CheckInOut,
  CreateEvent,
  CreateLectureTopic,
  CreatePointsEntry,
  CreateSignup,
  CreateStoreDonation,
  CreateStoreGoods,
  CreateStoreRedemption,
  CreateTeam,
  CreateVolunteer,
  Event,
  EventListQuery,
  LectureTopic,
  LectureTopicListQuery,
  LedgerCheck,
  PointsAccount,
  PointsAccountQuery,
  PointsEntry,
  Signup,
  StoreDonation,
  StoreDonationListQuery,
  StoreGoods,
  StoreGoodsListQuery,
  StoreRedemption,
  StoreRedemptionListQuery,
  StoreReport,
  StoreReportQuery,
  Team,
  TeamListQuery,
  UpdateEvent,
  UpdateStoreGoods,
  Volunteer,
  VolunteerListQuery,
  VolunteerStats,
  VolunteerStatsQuery,
} from './service-types';

const V1 = '/api/v1';
const enc = encodeURIComponent;
const idem = (key: string | undefined) => (key ? { 'Idempotency-Key': key } : undefined);

const VolunteerPage = pageOf(VolunteerSchema);
const TeamPage = pageOf(TeamSchema);
const EventPage = pageOf(EventSchema);
const TopicPage = pageOf(LectureTopicSchema);
const GoodsPage = pageOf(StoreGoodsSchema);
const DonationPage = pageOf(StoreDonationSchema);
const RedemptionPage = pageOf(StoreRedemptionSchema);

export const volunteersApi = {
  list: (query: VolunteerListQuery) => request<Page<Volunteer>>('GET', `${V1}/volunteers`, { query, schema: VolunteerPage }),
  /** Staff register someone from the register (`residentId`); a resident omits it. */
  create: (body: CreateVolunteer, idempotencyKey?: string) =>
    request<Volunteer>('POST', `${V1}/volunteers`, { body, schema: VolunteerSchema, headers: idem(idempotencyKey) }),
  stats: (query: VolunteerStatsQuery) => request<VolunteerStats>('GET', `${V1}/volunteers/stats`, { query, schema: VolunteerStatsSchema }),
};

export const teamsApi = {
  list: (query: TeamListQuery) => request<Page<Team>>('GET', `${V1}/teams`, { query, schema: TeamPage }),
  create: (body: CreateTeam, idempotencyKey?: string) => request<Team>('POST', `${V1}/teams`, { body, schema: TeamSchema, headers: idem(idempotencyKey) }),
};

export const eventsApi = {
  list: (query: EventListQuery) => request<Page<Event>>('GET', `${V1}/events`, { query, schema: EventPage }),
  get: (id: string) => request<Event>('GET', `${V1}/events/${enc(id)}`, { schema: EventSchema }),
  create: (body: CreateEvent, idempotencyKey?: string) => request<Event>('POST', `${V1}/events`, { body, schema: EventSchema, headers: idem(idempotencyKey) }),
  /** Edit fields, publish a draft (`status: 'published'`) or cancel (`status: 'cancelled'`, notifies those signed up). */
  update: (id: string, body: UpdateEvent) => request<Event>('PATCH', `${V1}/events/${enc(id)}`, { body, schema: EventSchema }),
  signup: (id: string, body: CreateSignup, idempotencyKey?: string) =>
    request<Signup>('POST', `${V1}/events/${enc(id)}/signups`, { body, schema: SignupSchema, headers: idem(idempotencyKey) }),
  cancelSignup: (id: string, signupId: string) => request<Signup>('POST', `${V1}/events/${enc(id)}/signups/${enc(signupId)}/cancel`, { schema: SignupSchema }),
  checkIn: (id: string, body: CheckInOut) => request<Attendance>('POST', `${V1}/events/${enc(id)}/check-in`, { body, schema: AttendanceSchema }),
  checkOut: (id: string, body: CheckInOut) => request<Attendance>('POST', `${V1}/events/${enc(id)}/check-out`, { body, schema: AttendanceSchema }),
  /** The check-in sheet: every sign-up with its attendance. */
  attendance: (id: string) => request<AttendanceSheet>('GET', `${V1}/events/${enc(id)}/attendance`, { schema: AttendanceSheetSchema }),
  /** Confirm hours: the points are posted. */
  confirm: (id: string, attendanceId: string) =>
    request<Attendance>('POST', `${V1}/events/${enc(id)}/attendance/${enc(attendanceId)}/confirm`, { schema: AttendanceSchema }),
  checkInCode: (id: string) => request<CheckInCode>('GET', `${V1}/events/${enc(id)}/check-in-code`, { schema: CheckInCodeSchema }),
  /** The public iCalendar feed of a community (no sign-in), as an absolute address to subscribe to. */
  calendarUrl: (communityId: string) => `${window.location.origin}${V1}/events/calendar.ics?communityId=${enc(communityId)}`,
};

export const lectureTopicsApi = {
  list: (query: LectureTopicListQuery) => request<Page<LectureTopic>>('GET', `${V1}/lecture-topics`, { query, schema: TopicPage }),
  create: (body: CreateLectureTopic) => request<LectureTopic>('POST', `${V1}/lecture-topics`, { body, schema: LectureTopicSchema }),
  vote: (id: string) => request<LectureTopic>('POST', `${V1}/lecture-topics/${enc(id)}/votes`, { schema: LectureTopicSchema }),
};

export const pointsApi = {
  account: (residentId: string, query: PointsAccountQuery) =>
    request<PointsAccount>('GET', `${V1}/points/accounts/${enc(residentId)}`, { query, schema: PointsAccountSchema }),
  mine: (query: PointsAccountQuery) => request<PointsAccount>('GET', `${V1}/points/me`, { query, schema: PointsAccountSchema }),
  /** Staff adjustment (调整); `idempotencyKey` stays the same across retries of one submission. */
  adjust: (body: CreatePointsEntry, idempotencyKey: string) =>
    request<PointsEntry>('POST', `${V1}/points/entries`, { body, schema: PointsEntrySchema, headers: { 'Idempotency-Key': idempotencyKey } }),
  reverse: (id: string, reason: string) => request<PointsEntry>('POST', `${V1}/points/entries/${enc(id)}/reverse`, { body: { reason }, schema: PointsEntrySchema }),
  check: () => request<LedgerCheck>('GET', `${V1}/points/check`, { schema: LedgerCheckSchema }),
};

export const storeApi = {
  goods: (query: StoreGoodsListQuery) => request<Page<StoreGoods>>('GET', `${V1}/store/goods`, { query, schema: GoodsPage }),
  getGoods: (id: string) => request<StoreGoods>('GET', `${V1}/store/goods/${enc(id)}`, { schema: StoreGoodsSchema }),
  createGoods: (body: CreateStoreGoods) => request<StoreGoods>('POST', `${V1}/store/goods`, { body, schema: StoreGoodsSchema }),
  updateGoods: (id: string, body: UpdateStoreGoods) => request<StoreGoods>('PATCH', `${V1}/store/goods/${enc(id)}`, { body, schema: StoreGoodsSchema }),
  donations: (query: StoreDonationListQuery) => request<Page<StoreDonation>>('GET', `${V1}/store/donations`, { query, schema: DonationPage }),
  donate: (body: CreateStoreDonation) => request<StoreDonation>('POST', `${V1}/store/donations`, { body, schema: StoreDonationSchema }),
  redemptions: (query: StoreRedemptionListQuery) =>
    request<Page<StoreRedemption>>('GET', `${V1}/store/redemptions`, { query, schema: RedemptionPage }),
  /** At the counter: handed over at once; a resident's own: reserved for pick-up. 409 points_insufficient / store_out_of_stock. */
  redeem: (body: CreateStoreRedemption, idempotencyKey: string) =>
    request<StoreRedemption>('POST', `${V1}/store/redemptions`, { body, schema: StoreRedemptionSchema, headers: { 'Idempotency-Key': idempotencyKey } }),
  pickUp: (id: string) => request<StoreRedemption>('POST', `${V1}/store/redemptions/${enc(id)}/pick-up`, { schema: StoreRedemptionSchema }),
  cancelRedemption: (id: string, reason?: string) =>
    request<StoreRedemption>('POST', `${V1}/store/redemptions/${enc(id)}/cancel`, { body: reason ? { reason } : {}, schema: StoreRedemptionSchema }),
  report: (query: StoreReportQuery) => request<StoreReport>('GET', `${V1}/store/report`, { query, schema: StoreReportSchema }),
};
