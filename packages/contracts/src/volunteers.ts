import { z } from 'zod';
import { Id, PageQuery } from './common';

/**
 * Service colours (四彩 / 红橙绿银): a deployment tags teams and events with them. This is the default
 * list; any lower-case code is accepted so a deployment can add its own.
 */
export const DEFAULT_SERVICE_COLOURS = [
  { code: 'red', label: { 'zh-CN': '红', 'en-US': 'Red' } },
  { code: 'orange', label: { 'zh-CN': '橙', 'en-US': 'Orange' } },
  { code: 'green', label: { 'zh-CN': '绿', 'en-US': 'Green' } },
  { code: 'silver', label: { 'zh-CN': '银', 'en-US': 'Silver' } },
  { code: 'purple', label: { 'zh-CN': '紫', 'en-US': 'Purple' } },
] as const;
export const ServiceColour = z.string().regex(/^[a-z]+$/).max(20);

export const VolunteerTeamRef = z.object({ id: Id, name: z.string(), colour: z.string() });

/** 志愿者: a resident (register entry) who registered to volunteer. */
export const Volunteer = z.object({
  id: Id,
  residentId: Id,
  name: z.string(),
  placeId: Id,
  skills: z.array(z.string()),
  availability: z.string().nullable(),
  teams: z.array(VolunteerTeamRef),
  /** Confirmed service hours, all time. */
  hours: z.number(),
  isMe: z.boolean(),
  createdAt: z.string(),
});
export type Volunteer = z.infer<typeof Volunteer>;

export const CreateVolunteer = z.strictObject({
  /** Staff register someone from the register; a resident omits it and registers themselves. */
  residentId: Id.optional(),
  skills: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  availability: z.string().trim().max(100).nullable().optional(),
  teamIds: z.array(Id).max(10).default([]),
});
export type CreateVolunteer = z.input<typeof CreateVolunteer>;

export const VolunteerListQuery = PageQuery.extend({
  placeId: Id.optional(),
  q: z.string().trim().max(20).optional(),
});
export type VolunteerListQuery = z.input<typeof VolunteerListQuery>;

/** 服务队: women's team, green team, patrol team, mediation team … */
export const Team = z.object({
  id: Id,
  name: z.string(),
  colour: z.string(),
  description: z.string().nullable(),
  placeId: Id,
  placeName: z.string(),
  leaderResidentId: Id.nullable(),
  leaderName: z.string().nullable(),
  memberCount: z.number().int(),
  members: z.array(z.object({ volunteerId: Id, residentId: Id, name: z.string() })),
  createdAt: z.string(),
});
export type Team = z.infer<typeof Team>;

export const CreateTeam = z.strictObject({
  name: z.string().trim().min(2).max(30),
  colour: ServiceColour,
  description: z.string().trim().max(300).nullable().optional(),
  /** The community or grid the team serves. */
  placeId: Id,
  leaderResidentId: Id.nullable().optional(),
  memberVolunteerIds: z.array(Id).max(200).default([]),
});
export type CreateTeam = z.input<typeof CreateTeam>;

export const TeamListQuery = PageQuery.extend({ placeId: Id.optional() });

/** Volunteer statistics for a place and period (the seeds report 70 % active and 28 hours a year). */
export const VolunteerStatsQuery = z.object({
  placeId: Id.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const VolunteerStats = z.object({
  placeId: Id.nullable(),
  from: z.string(),
  to: z.string(),
  volunteers: z.number().int(),
  /** Volunteers who took part in at least one event in the period. */
  activeVolunteers: z.number().int(),
  activeShare: z.number(),
  hours: z.number(),
  hoursPerVolunteer: z.number(),
  events: z.number().int(),
  eventsByColour: z.array(z.object({ colour: z.string(), count: z.number().int() })),
  eventsByType: z.array(z.object({ type: z.string(), count: z.number().int() })),
  /** Points awarded for confirmed attendance in the period. */
  pointsIssued: z.number().int(),
  /** Points spent in the charity store in the period (net of cancelled redemptions), by residents of the place. */
  pointsSpent: z.number().int(),
});
export type VolunteerStats = z.infer<typeof VolunteerStats>;
