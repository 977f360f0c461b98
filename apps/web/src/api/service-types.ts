/** Types of the volunteer, event, points and charity-store APIs, inferred from the shared contract schemas. */
import type { z } from 'zod';
import type {
  AttendanceSheetRow as AttendanceSheetRowSchema,
  CancelStoreRedemption as CancelStoreRedemptionSchema,
  CheckInOut as CheckInOutSchema,
  CreateEvent as CreateEventSchema,
  CreateLectureTopic as CreateLectureTopicSchema,
  CreatePointsEntry as CreatePointsEntrySchema,
  CreateSignup as CreateSignupSchema,
  CreateStoreDonation as CreateStoreDonationSchema,
  CreateStoreGoods as CreateStoreGoodsSchema,
  CreateStoreRedemption as CreateStoreRedemptionSchema,
  CreateTeam as CreateTeamSchema,
  CreateVolunteer as CreateVolunteerSchema,
  EventListQuery as EventListQuerySchema,
  StoreDonationListQuery as StoreDonationListQuerySchema,
  StoreGoodsListQuery as StoreGoodsListQuerySchema,
  StoreRedemptionListQuery as StoreRedemptionListQuerySchema,
  StoreReportQuery as StoreReportQuerySchema,
  UpdateEvent as UpdateEventSchema,
  UpdateStoreGoods as UpdateStoreGoodsSchema,
  VolunteerListQuery as VolunteerListQuerySchema,
  VolunteerStatsQuery as VolunteerStatsQuerySchema,
} from '@gridwork/contracts';

export type {
  Attendance,
  AttendanceSheet,
  AttendanceStatus,
  CheckInCode,
  DonationKind,
  DonorType,
  Event,
  EventStatus,
  EventType,
  LectureTopic,
  LedgerCheck,
  PointsAccount,
  PointsEntry,
  PointsEntryKind,
  RedemptionChannel,
  RedemptionStatus,
  Signup,
  SignupStatus,
  StoreDonation,
  StoreGoods,
  StoreRedemption,
  StoreReport,
  StoreReportLine,
  Team,
  Volunteer,
  VolunteerStats,
} from '@gridwork/contracts';

/** Paging as the client sends it: `limit` optional (the server has a default). */
type Paged<T> = Omit<T, 'limit'> & { limit?: number };

export type AttendanceSheetRow = z.infer<typeof AttendanceSheetRowSchema>;

export type CreateVolunteer = z.input<typeof CreateVolunteerSchema>;
export type VolunteerListQuery = Paged<z.input<typeof VolunteerListQuerySchema>> & { teamId?: string };
export type CreateTeam = z.input<typeof CreateTeamSchema>;
export type TeamListQuery = { placeId?: string; cursor?: string; limit?: number };
export type VolunteerStatsQuery = z.input<typeof VolunteerStatsQuerySchema>;

export type CreateEvent = z.input<typeof CreateEventSchema>;
export type UpdateEvent = z.input<typeof UpdateEventSchema>;
export type EventListQuery = Paged<z.input<typeof EventListQuerySchema>> & { colour?: string };
export type CreateSignup = z.input<typeof CreateSignupSchema>;
export type CheckInOut = z.input<typeof CheckInOutSchema>;
export type CreateLectureTopic = z.input<typeof CreateLectureTopicSchema>;
export type LectureTopicListQuery = { placeId?: string; cursor?: string; limit?: number };

export type CreatePointsEntry = z.input<typeof CreatePointsEntrySchema>;
export type PointsAccountQuery = { cursor?: string; limit?: number };

export type CreateStoreGoods = z.input<typeof CreateStoreGoodsSchema>;
export type UpdateStoreGoods = z.input<typeof UpdateStoreGoodsSchema>;
export type StoreGoodsListQuery = Paged<Omit<z.input<typeof StoreGoodsListQuerySchema>, 'active'>> & { active?: 'true' | 'false' };
export type CreateStoreDonation = z.input<typeof CreateStoreDonationSchema>;
export type StoreDonationListQuery = Paged<z.input<typeof StoreDonationListQuerySchema>>;
export type CreateStoreRedemption = z.input<typeof CreateStoreRedemptionSchema>;
export type CancelStoreRedemption = z.input<typeof CancelStoreRedemptionSchema>;
export type StoreRedemptionListQuery = Paged<z.input<typeof StoreRedemptionListQuerySchema>>;
export type StoreReportQuery = z.input<typeof StoreReportQuerySchema>;
