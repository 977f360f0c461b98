import { and, countDistinct, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { VolunteerStats, VolunteerStatsQuery } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import type { PlacesService } from '../places/places.service';
import { placeFilterPath, under } from '../volunteers/volunteers.shared';
import type { VolunteersService } from '../volunteers/volunteers.service';
import type { PointsService } from '../points/points.service';
import { eventAttendances, events } from './events.tables';

const YEAR = 365 * 86_400_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Volunteer and event figures for a place and period (default: the last twelve months). Active =
 * took part (checked in) at least once in an event that started in the period.
 */
export function createEventStatsService({ db, places, volunteers, points }: { db: Db; places: PlacesService; volunteers: VolunteersService; points: PointsService }) {
  return {
    async volunteers(actor: Actor, query: z.output<typeof VolunteerStatsQuery>): Promise<VolunteerStats> {
      requirePermission(actor, 'volunteer.read');
      const scope = scopeOf(actor, 'volunteer.read');
      const path = query.placeId ? await placeFilterPath(places, db, query.placeId, scope.paths) : undefined;
      // Both: a place above the scope narrows to the scope's part of it.
      const where = (column: AnyPgColumn): SQL => and(scopeCondition(scope, column), path ? sql`${column} LIKE ${under(path)}` : sql`true`)!;
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - YEAR);
      const inPeriod = and(gte(events.startsAt, from), lt(events.startsAt, to))!;

      // The roster comes from the volunteers module; attendance is ours. A community has hundreds, not millions.
      const roster = [...new Set((await volunteers.rosterUnder(path ?? '/', scope, to)).map((v) => v.residentId))];
      const [active] =
        roster.length === 0
          ? [{ n: 0, half: 0 }]
          : await db
              .select({ n: countDistinct(eventAttendances.residentId), half: sql<number>`coalesce(sum(${eventAttendances.halfHours}) FILTER (WHERE ${eventAttendances.status} = 'confirmed'), 0)::int` })
              .from(eventAttendances)
              .innerJoin(events, eq(events.id, eventAttendances.eventId))
              .where(and(inArray(eventAttendances.residentId, roster), inPeriod));
      const [issued] = await db
        .select({ n: sql<number>`coalesce(sum(${eventAttendances.points}), 0)::int` })
        .from(eventAttendances)
        .innerJoin(events, eq(events.id, eventAttendances.eventId))
        .where(and(where(eventAttendances.placePath), eq(eventAttendances.status, 'confirmed'), inPeriod));
      const held = and(where(events.placePath), eq(events.status, 'published'), inPeriod);
      const byColour = await db.select({ colour: events.colour, count: sql<number>`count(*)::int` }).from(events).where(held).groupBy(events.colour).orderBy(events.colour);
      const byType = await db.select({ type: events.type, count: sql<number>`count(*)::int` }).from(events).where(held).groupBy(events.type).orderBy(events.type);

      const count = roster.length;
      const activeCount = Number(active?.n ?? 0);
      const hours = Number(active?.half ?? 0) / 2;
      return {
        placeId: query.placeId ?? null,
        from: from.toISOString(),
        to: to.toISOString(),
        volunteers: count,
        activeVolunteers: activeCount,
        activeShare: count > 0 ? round1((activeCount / count) * 100) / 100 : 0,
        hours,
        hoursPerVolunteer: count > 0 ? round1(hours / count) : 0,
        events: byType.reduce((sum, t) => sum + Number(t.count), 0),
        eventsByColour: byColour.map((c) => ({ colour: c.colour, count: Number(c.count) })),
        eventsByType: byType.map((t) => ({ type: t.type, count: Number(t.count) })),
        pointsIssued: Number(issued?.n ?? 0),
        pointsSpent: await points.spentUnder(scope, path, from, to),
      };
    },
  };
}

export type EventStatsService = ReturnType<typeof createEventStatsService>;
