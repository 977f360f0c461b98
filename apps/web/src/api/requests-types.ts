/** Types of the service requests API, inferred from the shared contract schemas. */
import type { z } from 'zod';
import type {
  CreateRequest as CreateRequestSchema,
  CreateWish as CreateWishSchema,
  RequestListQuery as RequestListQuerySchema,
  RequestTransition as RequestTransitionSchema,
  UpsertRequestCategory as UpsertRequestCategorySchema,
  WishListQuery as WishListQuerySchema,
} from '@gridwork/contracts';

export type {
  Assignee,
  DueState,
  EchoWall,
  EchoWallItem,
  GeoPoint,
  NearbyRequest,
  Notification,
  PublicCommunity,
  RequestAction,
  RequestCategory,
  RequestChannel,
  RequestEvent,
  RequestEventKind,
  RequestLiveEvent,
  RequestPhoto,
  RequestStats,
  RequestStatus,
  ServiceRequest,
  ServiceRequestSummary,
  SlaHours,
  StagedPhoto,
  Triage,
  TriageSuggestion,
  Urgency,
  Wish,
  WishStatus,
} from '@gridwork/contracts';

export type CreateRequest = z.input<typeof CreateRequestSchema>;
export type RequestTransition = z.input<typeof RequestTransitionSchema>;
export type RequestListQuery = Omit<z.input<typeof RequestListQuerySchema>, 'status' | 'overdue' | 'awaitingFollowUp' | 'limit'> & {
  limit?: number;
  status?: string | string[];
  overdue?: 'true' | 'false';
  awaitingFollowUp?: 'true' | 'false';
};
export type UpsertRequestCategory = z.input<typeof UpsertRequestCategorySchema>;
export type CreateWish = z.input<typeof CreateWishSchema>;
export type WishListQuery = Omit<z.input<typeof WishListQuerySchema>, 'limit'> & { limit?: number };
