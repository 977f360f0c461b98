import { z } from 'zod';
import { Id } from './common';
import { CalendarDate } from './party-members';

/** 红色议事会议题: a major matter (大事) waiting for, scheduled at, or decided by the council. */
export const COUNCIL_ITEM_STATUSES = ['proposed', 'scheduled', 'decided', 'withdrawn'] as const;
export const CouncilItemStatus = z.enum(COUNCIL_ITEM_STATUSES);
export type CouncilItemStatus = z.infer<typeof CouncilItemStatus>;

export const CouncilAgendaItem = z.object({
  id: Id,
  requestId: Id,
  requestReference: z.string(),
  communityId: Id,
  communityName: z.string(),
  title: z.string(),
  status: CouncilItemStatus,
  meetingOn: z.string().nullable(),
  decision: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  createdAt: z.string(),
});
export type CouncilAgendaItem = z.infer<typeof CouncilAgendaItem>;

export const CouncilAgendaQuery = z.object({
  /** A community or grid: items of requests in its subtree. */
  placeId: Id.optional(),
  requestId: Id.optional(),
  status: CouncilItemStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ScheduleCouncilItem = z.strictObject({ meetingOn: CalendarDate });
export const DecideCouncilItem = z.strictObject({ decision: z.string().trim().min(1).max(2000) });
