import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { CreateLectureTopic, LectureTopic } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { auditContextOf, requirePermission, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, forbidden, notFound } from '../../platform/errors';
import { decodeCursor, olderThan, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import { placeFilterPath, under } from '../volunteers/volunteers.shared';
import { lectureTopics, lectureVotes } from './events.tables';
import { isVisible, visibilityOf, visibleCondition } from './events.visibility';

type TopicRow = typeof lectureTopics.$inferSelect;

/** 菜单式讲堂: residents propose what the lectures teach and vote; the list is most voted first. */
export function createLectureTopicsService({ db, places }: { db: Db; places: PlacesService }) {
  const visibility = (tx: Db, actor: Actor) => visibilityOf(places, tx, actor, 'event.read', 'event.signup');

  /** Where a topic goes by default: the community of the proposer's own place. */
  async function homeCommunity(tx: Db, actor: Actor) {
    for (const grant of [...actor.grants].sort((a, b) => b.placePath.length - a.placePath.length)) {
      const place = await places.findById(grant.placeId, tx);
      if (place) return (await places.lineage(place, tx)).find((p) => p.type === 'community') ?? place;
    }
    return undefined;
  }

  async function views(tx: Db, actor: Actor, rows: readonly TopicRow[]): Promise<LectureTopic[]> {
    if (rows.length === 0) return [];
    const names = await places.namesOf([...new Set(rows.map((r) => r.placeId))], tx);
    const voted = new Set(
      (await tx.select({ topicId: lectureVotes.topicId }).from(lectureVotes).where(and(eq(lectureVotes.userId, actor.userId), inArray(lectureVotes.topicId, rows.map((r) => r.id))))).map((v) => v.topicId),
    );
    return rows.map((r) => ({ id: r.id, title: r.title, description: r.description, placeId: r.placeId, placeName: names.get(r.placeId) ?? '', proposerName: r.proposerName, votes: r.votes, votedByMe: voted.has(r.id), createdAt: r.createdAt.toISOString() }));
  }

  return {
    async list(actor: Actor, query: { placeId?: string; cursor?: string; limit: number }) {
      requirePermission(actor, 'event.read');
      const v = await visibility(db, actor);
      const c: SQL[] = [visibleCondition(v, lectureTopics.placePath)];
      if (query.placeId) c.push(sql`${lectureTopics.placePath} LIKE ${under(await placeFilterPath(places, db, query.placeId, [...v.full.paths, ...v.published.paths]))}`);
      const after = decodeCursor(query.cursor, 2);
      if (after) {
        const [votes, id] = [Number(after[0]), String(after[1])];
        c.push(olderThan([lectureTopics.votes, lectureTopics.id], [votes, id]));
      }
      const rows = await db.select().from(lectureTopics).where(and(...c)).orderBy(desc(lectureTopics.votes), desc(lectureTopics.id)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.votes, r.id]);
      return { items: await views(db, actor, page.items), nextCursor: page.nextCursor };
    },

    async create(actor: Actor, input: z.output<typeof CreateLectureTopic>) {
      if (!actor.permissions.has('event.signup') && !actor.permissions.has('event.write')) throw forbidden();
      return db.transaction(async (tx) => {
        const v = await visibility(tx, actor);
        const place = input.placeId ? await places.findById(input.placeId, tx) : await homeCommunity(tx, actor);
        if (!place) throw notFound();
        if (!isVisible({ ...v, exact: [] }, place.path, true)) throw notFound();
        const [row] = await tx.insert(lectureTopics).values({ title: input.title, description: input.description ?? null, placeId: place.id, placePath: place.path, proposerUserId: actor.userId, proposerName: actor.displayName }).returning();
        await writeAudit(tx, auditContextOf(actor), { action: 'lecture-topic.create', entityType: 'lecture_topic', entityId: row!.id, after: { title: row!.title } });
        return (await views(tx, actor, [row!]))[0]!;
      });
    },

    /** One vote per person; the count on the row is updated in the same transaction. */
    async vote(actor: Actor, id: string) {
      requirePermission(actor, 'event.read');
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(lectureTopics).where(eq(lectureTopics.id, id)).for('update');
        if (!row || !isVisible(await visibility(tx, actor), row.placePath, true)) throw notFound();
        const inserted = await tx.insert(lectureVotes).values({ topicId: id, userId: actor.userId }).onConflictDoNothing().returning();
        if (inserted.length === 0) throw conflict('lecture_topic_already_voted');
        const [updated] = await tx.update(lectureTopics).set({ votes: sql`${lectureTopics.votes} + 1` }).where(eq(lectureTopics.id, id)).returning();
        return (await views(tx, actor, [updated!]))[0]!;
      });
    },
  };
}

export type LectureTopicsService = ReturnType<typeof createLectureTopicsService>;
