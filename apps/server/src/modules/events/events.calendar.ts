import { and, asc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { EVENT_TYPE_LABELS } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { notFound } from '../../platform/errors';
import { ancestorPaths, type PlacesService } from '../places/places.service';
import { under } from '../volunteers/volunteers.shared';
import { buildCalendar } from './events.ical';
import { events } from './events.tables';

const COLOUR_LABELS: Readonly<Record<string, string>> = { red: '红', orange: '橙', green: '绿', silver: '银', purple: '紫' };

/**
 * The public iCalendar feed of a community: its published events and those of the places above it,
 * from a year back on. No personal data: titles, times, addresses and descriptions only.
 */
export function createEventCalendarService({ db, places }: { db: Db; places: PlacesService }) {
  return {
    async feed(communityId: string): Promise<string> {
      const community = await places.findById(communityId);
      if (!community || community.type !== 'community') throw notFound();
      const rows = await db
        .select()
        .from(events)
        .where(and(eq(events.status, 'published'), or(sql`${events.placePath} LIKE ${under(community.path)}`, inArray(events.placePath, ancestorPaths(community.path))), gte(events.startsAt, new Date(Date.now() - 365 * 86_400_000))))
        .orderBy(asc(events.startsAt))
        .limit(2000);
      return buildCalendar(
        `${community.name} 活动`,
        rows.map((e) => ({
          uid: `${e.id}@gridwork`,
          stamp: e.updatedAt,
          start: e.startsAt,
          end: e.endsAt,
          summary: e.title,
          location: e.address,
          description: e.description,
          categories: [EVENT_TYPE_LABELS[e.type]['zh-CN'], COLOUR_LABELS[e.colour] ?? e.colour],
        })),
      );
    },
  };
}

export type EventCalendarService = ReturnType<typeof createEventCalendarService>;
