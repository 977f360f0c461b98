import crypto from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { EVENT_STATUS_LABELS, eventTimeIssues, type Attendance, type CreateEvent, type CreateSignup, type Event, type EventListQuery, type Signup, type UpdateEvent } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, inScope, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { decodeCursor, olderThan, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';
import type { NotificationsService } from '../../platform/notifications.service';
import { ownResidentId, placeFilterPath, under } from '../volunteers/volunteers.shared';
import { eventAttendances, eventSignups, events } from './events.tables';
import { isVisible, visibilityOf, visibleCondition } from './events.visibility';

export type EventRow = typeof events.$inferSelect;
type SignupRow = typeof eventSignups.$inferSelect;
type AttendanceRow = typeof eventAttendances.$inferSelect;

export interface EventsDeps {
  readonly db: Db;
  readonly places: PlacesService;
  readonly residents: ResidentsService;
  readonly notifications?: NotificationsService;
}

/** 2026-03-14 10:00, as people in China read it (error messages). */
export const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export const toSignup = (r: SignupRow): Signup => ({ id: r.id, eventId: r.eventId, residentId: r.residentId, residentName: r.residentName, status: r.status, position: r.position, createdAt: r.createdAt.toISOString() });

export const toAttendance = (r: AttendanceRow): Attendance => ({
  id: r.id,
  eventId: r.eventId,
  residentId: r.residentId,
  residentName: r.residentName,
  status: r.status,
  checkInAt: r.checkInAt.toISOString(),
  checkOutAt: r.checkOutAt?.toISOString() ?? null,
  hours: r.halfHours === null ? null : r.halfHours / 2,
  points: r.points,
  confirmedAt: r.confirmedAt?.toISOString() ?? null,
});

/** Draft → published; draft or published → cancelled; staying put is allowed (an edit that resends the status). */
const STATUS_MOVES: Readonly<Record<EventRow['status'], readonly EventRow['status'][]>> = {
  draft: ['draft', 'published', 'cancelled'],
  published: ['published', 'cancelled'],
  cancelled: [],
};

/** Events: organisers (event.write in scope) publish; residents see their community's and sign up. */
export function createEventsService({ db, places, residents, notifications }: EventsDeps) {
  const visibility = (tx: Db, actor: Actor) => visibilityOf(places, tx, actor, 'event.read', 'event.signup');
  const canManage = (actor: Actor, row: EventRow) => inScope(scopeOf(actor, 'event.write'), row.placePath);

  /** Outside what the viewer may see: 404. */
  async function readable(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<EventRow> {
    requirePermission(actor, 'event.read');
    const query = tx.select().from(events).where(eq(events.id, id));
    const [row] = forUpdate ? await query.for('update') : await query;
    if (!row || !isVisible(await visibility(tx, actor), row.placePath, row.status === 'published')) throw notFound();
    return row;
  }

  /** Readable, and the actor organises events there (403 otherwise). */
  async function manageable(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<EventRow> {
    const row = await readable(tx, actor, id, forUpdate);
    if (!canManage(actor, row)) throw forbidden();
    return row;
  }

  async function views(tx: Db, actor: Actor, rows: readonly EventRow[]): Promise<Event[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const names = await places.namesOf([...new Set(rows.map((r) => r.placeId))], tx);
    const counts = await tx
      .select({ eventId: eventSignups.eventId, status: eventSignups.status, n: sql<number>`count(*)::int` })
      .from(eventSignups)
      .where(and(inArray(eventSignups.eventId, ids), ne(eventSignups.status, 'cancelled')))
      .groupBy(eventSignups.eventId, eventSignups.status);
    const me = await residents.residentIdOf(actor.userId, tx);
    const mine = me ? await tx.select().from(eventSignups).where(and(inArray(eventSignups.eventId, ids), eq(eventSignups.residentId, me), ne(eventSignups.status, 'cancelled'))) : [];
    const attended = me ? await tx.select().from(eventAttendances).where(and(inArray(eventAttendances.eventId, ids), eq(eventAttendances.residentId, me))) : [];
    const count = (eventId: string, status: string) => Number(counts.find((c) => c.eventId === eventId && c.status === status)?.n ?? 0);
    const now = Date.now();
    return rows.map((r) => {
      const my = mine.find((s) => s.eventId === r.id);
      const myAttendance = attended.find((a) => a.eventId === r.id);
      return {
        id: r.id,
        title: r.title,
        type: r.type,
        colour: r.colour,
        placeId: r.placeId,
        placeName: names.get(r.placeId) ?? '',
        address: r.address,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        capacity: r.capacity,
        signupOpensAt: r.signupOpensAt.toISOString(),
        signupClosesAt: r.signupClosesAt.toISOString(),
        pointsPerHour: r.pointsPerHour,
        description: r.description,
        status: r.status === 'published' && r.endsAt.getTime() < now ? 'finished' : r.status,
        organiserName: r.organiserName,
        signedUp: count(r.id, 'confirmed'),
        waitlisted: count(r.id, 'waitlisted'),
        mySignup: my ? { id: my.id, status: my.status, position: my.position } : null,
        myAttendance: myAttendance ? toAttendance(myAttendance) : null,
        canManage: canManage(actor, r),
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  return {
    readable,
    manageable,
    views,

    async list(actor: Actor, query: z.output<typeof EventListQuery>) {
      requirePermission(actor, 'event.read');
      const v = await visibility(db, actor);
      const c: SQL[] = [visibleCondition(v, events.placePath, eq(events.status, 'published'))];
      if (query.placeId) c.push(sql`${events.placePath} LIKE ${under(await placeFilterPath(places, db, query.placeId, [...v.full.paths, ...v.published.paths]))}`);
      if (query.type) c.push(eq(events.type, query.type));
      if (query.status === 'finished') c.push(and(eq(events.status, 'published'), lt(events.endsAt, new Date()))!);
      else if (query.status === 'published') c.push(and(eq(events.status, 'published'), gte(events.endsAt, new Date()))!);
      else if (query.status) c.push(eq(events.status, query.status));
      if (query.from) c.push(gte(events.startsAt, new Date(query.from)));
      if (query.to) c.push(lt(events.startsAt, new Date(query.to)));
      if (query.mine === 'true') {
        const me = await ownResidentId(residents, actor, db);
        c.push(sql`EXISTS (SELECT 1 FROM ${eventSignups} WHERE ${eventSignups.eventId} = ${events.id} AND ${eventSignups.residentId} = ${me} AND ${eventSignups.status} <> 'cancelled')`);
      }
      const after = decodeCursor(query.cursor, 2)?.map(String);
      if (after) c.push(olderThan([events.startsAt, events.id], [new Date(after[0]!), after[1]!]));
      const rows = await db.select().from(events).where(and(...c)).orderBy(desc(events.startsAt), desc(events.id)).limit(query.limit + 1);
      const page = pageFrom(rows, query.limit, (r) => [r.startsAt.toISOString(), r.id]);
      return { items: await views(db, actor, page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string) {
      return (await views(db, actor, [await readable(db, actor, id)]))[0]!;
    },

    async create(actor: Actor, input: z.output<typeof CreateEvent>, idempotencyKey: string | undefined) {
      requirePermission(actor, 'event.write');
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: 'event.create', key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          const place = await places.findById(input.placeId, tx);
          assertRecordAccess(actor, place?.path, 'event.read', 'event.write');
          if (!['community', 'grid'].includes(place!.type)) throw unprocessable('event_place_invalid');
          const startsAt = new Date(input.startsAt);
          const [row] = await tx
            .insert(events)
            .values({
              title: input.title,
              type: input.type,
              colour: input.colour,
              placeId: place!.id,
              placePath: place!.path,
              address: input.address ?? null,
              startsAt,
              endsAt: new Date(input.endsAt),
              capacity: input.capacity,
              signupOpensAt: input.signupOpensAt ? new Date(input.signupOpensAt) : new Date(),
              signupClosesAt: input.signupClosesAt ? new Date(input.signupClosesAt) : startsAt,
              pointsPerHour: input.pointsPerHour,
              description: input.description ?? null,
              status: input.status,
              checkInSecret: crypto.randomBytes(24).toString('base64url'),
              organiserUserId: actor.userId,
              organiserName: actor.displayName,
            })
            .returning();
          await writeAudit(tx, auditContextOf(actor), { action: 'event.create', entityType: 'event', entityId: row!.id, after: { title: row!.title, placeId: place!.id, startsAt: row!.startsAt.toISOString() } });
          return { status: 201, body: (await views(tx, actor, [row!]))[0]! };
        }),
      );
    },

    /**
     * 修改活动 and its status moves. Capacity cannot drop below the confirmed sign-ups (nobody is bumped
     * silently); raising it moves the first waiting people up. Cancelling tells everyone signed up.
     */
    async update(actor: Actor, id: string, input: z.output<typeof UpdateEvent>) {
      return db.transaction(async (tx) => {
        // The row lock serialises this with sign-ups, so the confirmed count checked below stays true.
        const before = await manageable(tx, actor, id, true);
        if (before.status === 'cancelled') throw conflict('event_cancelled_readonly');
        const status = input.status ?? before.status;
        if (!STATUS_MOVES[before.status].includes(status)) {
          throw conflict('event_status_transition', { from: EVENT_STATUS_LABELS[before.status]['zh-CN'], to: EVENT_STATUS_LABELS[status]['zh-CN'] });
        }
        const merged = {
          startsAt: input.startsAt ?? before.startsAt.toISOString(),
          endsAt: input.endsAt ?? before.endsAt.toISOString(),
          signupOpensAt: input.signupOpensAt ?? before.signupOpensAt.toISOString(),
          signupClosesAt: input.signupClosesAt ?? before.signupClosesAt.toISOString(),
        };
        // The same rules as creation, on what the event will be (a body with only `endsAt` is checked against the stored start).
        const issues = eventTimeIssues(merged);
        if (issues.length > 0) throw new AppError(400, 'validation_failed', {}, issues.map((i) => ({ path: `body.${i.path}`, message: `body.${i.path}: ${i.message}` })));
        const live = await tx.select().from(eventSignups).where(and(eq(eventSignups.eventId, id), ne(eventSignups.status, 'cancelled')));
        const confirmed = live.filter((l) => l.status === 'confirmed').length;
        const capacity = input.capacity ?? before.capacity;
        if (capacity < confirmed) throw unprocessable('event_capacity_below_signups', { n: confirmed });

        const [row] = await tx
          .update(events)
          .set({
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.type !== undefined ? { type: input.type } : {}),
            ...(input.colour !== undefined ? { colour: input.colour } : {}),
            ...(input.address !== undefined ? { address: input.address || null } : {}),
            ...(input.description !== undefined ? { description: input.description || null } : {}),
            ...(input.pointsPerHour !== undefined ? { pointsPerHour: input.pointsPerHour } : {}),
            startsAt: new Date(merged.startsAt),
            endsAt: new Date(merged.endsAt),
            signupOpensAt: new Date(merged.signupOpensAt),
            signupClosesAt: new Date(merged.signupClosesAt),
            capacity,
            status,
            updatedAt: new Date(),
          })
          .where(eq(events.id, id))
          .returning();
        const event = row!;

        const notify: Parameters<NotificationsService['send']>[1][number][] = [];
        if (status === 'published' && capacity > confirmed) {
          // Places freed by a larger capacity go to the waiting list in order, as a cancelled sign-up's would.
          const next = live
            .filter((l) => l.status === 'waitlisted')
            .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
            .slice(0, capacity - confirmed);
          if (next.length > 0) {
            await tx.update(eventSignups).set({ status: 'confirmed', position: null, updatedAt: new Date() }).where(inArray(eventSignups.id, next.map((n) => n.id)));
            await tx
              .update(eventSignups)
              .set({ position: sql`${eventSignups.position} - ${next.length}` })
              .where(and(eq(eventSignups.eventId, id), eq(eventSignups.status, 'waitlisted')));
            for (const n of next) {
              const userId = await residents.userIdOf(n.residentId, tx);
              if (userId) notify.push({ userId, kind: 'event-promoted', title: `候补转正：${event.title}`, body: `活动增加了名额，您已从候补转为正式报名，活动时间 ${chinaTime(event.startsAt)}`, link: `/events/${event.id}`, dedupeKey: `promoted:${n.id}` });
            }
          }
        }
        if (status === 'cancelled') {
          // (A cancelled event was refused above, so this runs once.) Everyone still signed up, waiting list too,
          // who has an account hears it; the sign-ups stay as the record.
          for (const l of live) {
            const userId = await residents.userIdOf(l.residentId, tx);
            if (userId) notify.push({ userId, kind: 'event-cancelled', title: `活动取消：${event.title}`, body: `原定 ${chinaTime(event.startsAt)} 的活动已取消，您的报名随之作废`, link: `/events/${event.id}`, dedupeKey: `event-cancelled:${l.id}` });
          }
        }
        if (notify.length > 0 && notifications) await notifications.send(tx, notify);

        const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => k !== 'status' || before.status !== status);
        const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
        const snapshot = (r: EventRow) => Object.fromEntries(changed.map((k) => [k, plain(r[k])]));
        const action = status !== before.status ? (status === 'published' ? 'event.publish' : 'event.cancel') : 'event.update';
        await writeAudit(tx, auditContextOf(actor), { action, entityType: 'event', entityId: id, before: snapshot(before), after: snapshot(event) });
        return (await views(tx, actor, [event]))[0]!;
      });
    },

    /** In the window only, once per person; beyond capacity onto the waiting list. */
    async signup(actor: Actor, id: string, input: z.output<typeof CreateSignup>, idempotencyKey: string | undefined) {
      return db.transaction((tx) =>
        once(tx, { caller: actor.userId, scope: `event.signup:${id}`, key: idempotencyKey, fingerprint: fingerprintOf(input) }, async () => {
          // The event row lock serialises sign-ups of one event, so capacity and positions stay exact.
          const event = await readable(tx, actor, id, true);
          const own = await residents.residentIdOf(actor.userId, tx);
          let residentId: string;
          if (input.residentId && input.residentId !== own) {
            if (!canManage(actor, event)) throw forbidden();
            residentId = (await residents.readable(actor, input.residentId, tx)).id;
          } else {
            requirePermission(actor, 'event.signup');
            residentId = own ?? (await ownResidentId(residents, actor, tx));
          }
          const person = await residents.brief(residentId, tx);
          if (!person) throw notFound();
          if (event.status !== 'published' || event.endsAt.getTime() < Date.now()) throw conflict('event_not_open');
          const now = Date.now();
          if (now < event.signupOpensAt.getTime() || now > event.signupClosesAt.getTime()) {
            throw unprocessable('event_signup_closed', { opens: chinaTime(event.signupOpensAt), closes: chinaTime(event.signupClosesAt) });
          }
          const live = await tx.select().from(eventSignups).where(and(eq(eventSignups.eventId, id), ne(eventSignups.status, 'cancelled')));
          if (live.some((s) => s.residentId === residentId)) throw conflict('event_already_signed_up');
          const confirmed = live.filter((s) => s.status === 'confirmed').length;
          const waiting = live.filter((s) => s.status === 'waitlisted');
          const full = confirmed >= event.capacity;
          const [row] = await tx
            .insert(eventSignups)
            .values({
              eventId: id,
              residentId,
              residentName: person.name,
              placePath: person.placePath,
              status: full ? 'waitlisted' : 'confirmed',
              position: full ? Math.max(0, ...waiting.map((w) => w.position ?? 0)) + 1 : null,
              createdBy: actor.userId,
            })
            .returning();
          await writeAudit(tx, auditContextOf(actor), { action: 'event.signup', entityType: 'event_signup', entityId: row!.id, after: { eventId: id, residentId, status: row!.status } });
          return { status: 201, body: toSignup(row!) };
        }),
      );
    },

    /** The person themselves or an organiser; a freed place goes to the first on the waiting list. */
    async cancelSignup(actor: Actor, id: string, signupId: string) {
      return db.transaction(async (tx) => {
        const event = await readable(tx, actor, id, true);
        const [row] = await tx.select().from(eventSignups).where(and(eq(eventSignups.id, signupId), eq(eventSignups.eventId, id)));
        if (!row) throw notFound();
        const own = await residents.residentIdOf(actor.userId, tx);
        if (row.residentId !== own && !canManage(actor, event)) throw notFound();
        if (row.status === 'cancelled') throw conflict('event_signup_not_active');
        const [cancelled] = await tx.update(eventSignups).set({ status: 'cancelled', position: null, updatedAt: new Date() }).where(eq(eventSignups.id, row.id)).returning();
        let gone = row.position;
        if (row.status === 'confirmed') {
          const [next] = await tx
            .select()
            .from(eventSignups)
            .where(and(eq(eventSignups.eventId, id), eq(eventSignups.status, 'waitlisted')))
            .orderBy(asc(eventSignups.position))
            .limit(1);
          if (next) {
            await tx.update(eventSignups).set({ status: 'confirmed', position: null, updatedAt: new Date() }).where(eq(eventSignups.id, next.id));
            gone = next.position;
            // The person who moved up hears it on their phone.
            const userId = await residents.userIdOf(next.residentId, tx);
            if (userId && notifications) {
              await notifications.send(tx, [{ userId, kind: 'event-promoted', title: `候补转正：${event.title}`, body: `有人取消了报名，您已从候补转为正式报名，活动时间 ${chinaTime(event.startsAt)}`, link: `/events/${event.id}`, dedupeKey: `promoted:${next.id}` }]);
            }
          }
        }
        if (gone !== null) {
          await tx
            .update(eventSignups)
            .set({ position: sql`${eventSignups.position} - 1` })
            .where(and(eq(eventSignups.eventId, id), eq(eventSignups.status, 'waitlisted'), sql`${eventSignups.position} > ${gone}`));
        }
        await writeAudit(tx, auditContextOf(actor), { action: 'event.signup-cancel', entityType: 'event_signup', entityId: row.id, before: { status: row.status }, after: { status: 'cancelled' } });
        return toSignup(cancelled!);
      });
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
