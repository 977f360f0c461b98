import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Notification } from '@gridwork/contracts';
import type { Db } from '../db/client';
import type { Actor } from './access';
import { notFound } from './errors';
import { notifications } from './notifications.tables';
import { decodeCursor, olderThan, pageFrom } from './pagination';

export interface NewNotification {
  readonly userId: string;
  readonly kind: Notification['kind'];
  readonly title: string;
  readonly body: string;
  readonly link?: string | null;
  /** The same key never notifies twice (jobs re-run after a crash). */
  readonly dedupeKey?: string;
}

function toNotification(row: typeof notifications.$inferSelect): Notification {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() };
}

export function createNotificationsService({ db }: { db: Db }) {
  return {
    async send(tx: Db, items: readonly NewNotification[]): Promise<void> {
      if (items.length === 0) return;
      await tx
        .insert(notifications)
        .values(items.map((n) => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, dedupeKey: n.dedupeKey ?? null })))
        .onConflictDoNothing();
    },

    async list(actor: Actor, query: { unread?: boolean; cursor?: string; limit: number }) {
      const after = decodeCursor(query.cursor, 2) as [string, string] | undefined;
      const conditions = [eq(notifications.userId, actor.userId)];
      if (query.unread) conditions.push(isNull(notifications.readAt));
      if (after) {
        const at = new Date(after[0]);
        conditions.push(olderThan([notifications.createdAt, notifications.id], [at, after[1]]));
      }
      const rows = await db
        .select()
        .from(notifications)
        .where(and(...conditions))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
      const [unread] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
      return { items: page.items.map(toNotification), nextCursor: page.nextCursor, total: unread?.n ?? 0 };
    },

    async markRead(actor: Actor, id: string): Promise<void> {
      const updated = await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)))
        .returning({ id: notifications.id });
      if (updated.length === 0) throw notFound();
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
