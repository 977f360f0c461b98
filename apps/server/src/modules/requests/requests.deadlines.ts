import { and, inArray, lt, ne, sql } from 'drizzle-orm';
import type { DueState } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import type { Job } from '../../platform/jobs/scheduler';
import type { NewNotification, NotificationsService } from '../../platform/notifications.service';
import { escalationNotices, type RequestsService } from './requests.service';
import * as repo from './requests.repo';
import { requestEvents, serviceRequests } from './requests.tables';
import { referenceOf } from './requests.views';
import { chinaDay } from '../../platform/china-time';

/** Less than this left before the deadline: due soon (临期). */
export const DUE_SOON_MS = 24 * 3_600_000;
const BATCH = 5_000;
/** Rows per INSERT: one statement with thousands of rows overflows the query builder's stack. */
const INSERT_CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += INSERT_CHUNK) out.push(items.slice(i, i + INSERT_CHUNK));
  return out;
}
const WORKING: ('accepted' | 'assigned' | 'in_progress')[] = ['accepted', 'assigned', 'in_progress'];
/** Due states before due soon, named rather than negated so that the sweep reads ranges of the due index. */
const NOT_YET_DUE: DueState[] = ['none', 'on_track'];

/**
 * Marks requests due soon and overdue, notifies owners and escalates overdue ones one level up the
 * places tree. Each request moves on_track → due_soon → overdue once (the due state is the
 * guard), so re-running after a crash changes nothing twice.
 */
export function deadlineJob({ requests, notifications }: { requests: RequestsService; notifications: NotificationsService }): Job {
  return {
    name: 'request-deadlines',
    lockKey: 726_302,
    everyMs: 60_000,
    async run(tx, now) {
      const dueSoon = await markDueSoon(tx, now, notifications);
      let overdue = 0;
      for (let batch = await overdueBatch(tx, now); batch.length > 0; batch = await overdueBatch(tx, now)) {
        overdue += await escalateOverdue(tx, batch, now, requests, notifications);
        if (batch.length < BATCH) break;
      }
      return { dueSoon, overdue };
    },
  };
}

async function markDueSoon(tx: Db, now: Date, notifications: NotificationsService): Promise<number> {
  const rows = await tx
    .update(serviceRequests)
    .set({ dueState: 'due_soon', updatedAt: now })
    .where(
      and(
        inArray(serviceRequests.status, WORKING),
        sql`${serviceRequests.deadline} IS NOT NULL`,
        ne(serviceRequests.dueState, 'overdue'),
        inArray(serviceRequests.dueState, NOT_YET_DUE),
        lt(serviceRequests.deadline, new Date(now.getTime() + DUE_SOON_MS)),
        sql`${serviceRequests.deadline} >= ${now}`,
      ),
    )
    .returning({ id: serviceRequests.id, seq: serviceRequests.seq, ownerUserId: serviceRequests.ownerUserId, deadline: serviceRequests.deadline, status: serviceRequests.status });
  if (rows.length === 0) return 0;
  for (const part of chunks(rows)) {
    await tx.insert(requestEvents).values(part.map((r) => ({ requestId: r.id, kind: 'due-soon' as const, fromStatus: r.status, toStatus: r.status, actorName: '系统', at: now, details: { deadline: r.deadline?.toISOString() } })));
  }
  const notices = rows.flatMap((r): NewNotification[] =>
    r.ownerUserId ? [{ userId: r.ownerUserId, kind: 'request-due-soon', title: `诉求临期 ${referenceOf(r.seq)}`, body: `办结时限 ${r.deadline?.toISOString() ?? ''}`, link: `/requests/${r.id}`, dedupeKey: `due-soon:${r.id}:${r.deadline?.getTime() ?? 0}` }] : [],
  );
  for (const part of chunks(notices)) await notifications.send(tx, part);
  return rows.length;
}

const overdueBatch = (tx: Db, now: Date) =>
  tx
    .select()
    .from(serviceRequests)
    .where(
      and(
        inArray(serviceRequests.status, WORKING),
        sql`${serviceRequests.deadline} IS NOT NULL`,
        ne(serviceRequests.dueState, 'overdue'),
        inArray(serviceRequests.dueState, [...NOT_YET_DUE, 'due_soon']),
        lt(serviceRequests.deadline, now),
      ),
    )
    .orderBy(serviceRequests.deadline)
    .limit(BATCH)
    .for('update', { skipLocked: true });

async function escalateOverdue(tx: Db, rows: repo.RequestRow[], now: Date, requests: RequestsService, notifications: NotificationsService): Promise<number> {
  const notify: NewNotification[] = [];
  const events: (typeof requestEvents.$inferInsert)[] = [];
  // Requests that share a responsible place escalate to the same parent: one update per place.
  const byPlace = new Map<string, repo.RequestRow[]>();
  for (const r of rows) byPlace.set(r.responsiblePlaceId, [...(byPlace.get(r.responsiblePlaceId) ?? []), r]);
  for (const group of byPlace.values()) {
    const first = group[0]!;
    let target: Awaited<ReturnType<RequestsService['escalationTarget']>> | null = null;
    try {
      target = await requests.escalationTarget(tx, first);
    } catch {
      target = null; // already at the top: mark overdue, nothing to escalate to
    }
    const ids = group.map((r) => r.id);
    await tx
      .update(serviceRequests)
      .set(target ? { dueState: 'overdue', updatedAt: now, responsiblePlaceId: target.changes.responsiblePlaceId, responsiblePath: target.changes.responsiblePath, escalationLevel: sql`${serviceRequests.escalationLevel} + 1` } : { dueState: 'overdue', updatedAt: now })
      .where(inArray(serviceRequests.id, ids));
    for (const r of group) {
      events.push({ requestId: r.id, kind: 'overdue', fromStatus: r.status, toStatus: r.status, actorName: '系统', at: now, details: { deadline: r.deadline?.toISOString(), escalatedTo: target?.placeName ?? null } });
      if (r.ownerUserId) notify.push({ userId: r.ownerUserId, kind: 'request-overdue', title: `诉求已超期 ${referenceOf(r.seq)}`, body: r.description.slice(0, 80), link: `/requests/${r.id}`, dedupeKey: `overdue:${r.id}:${r.deadline?.getTime() ?? 0}` });
      if (target) notify.push(...escalationNotices(r, target.managerIds, '超期自动上报'));
    }
  }
  for (const part of chunks(events)) await tx.insert(requestEvents).values(part);
  const deltas = rows.map((r) => ({ placePath: r.placePath, day: chinaDay(r.createdAt), categoryCode: r.categoryCode, triage: r.triage, overdueDelta: 1 }));
  for (const part of chunks(deltas)) await repo.insertStatDeltas(tx, part);
  for (const part of chunks(notify)) await notifications.send(tx, part);
  return rows.length;
}
