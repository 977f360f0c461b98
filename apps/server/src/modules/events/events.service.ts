import crypto from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { CreateEvent, CreateSignup, Event, EventListQuery, Signup } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { assertRecordAccess, auditContextOf, inScope, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { fingerprintOf, once } from '../../platform/idempotency';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import type { ResidentsService } from '../residents/residents.service';
import type { NotificationsService } from '../../platform/notifications.service';
import { ownResidentId, placeFilterPath, under } from '../volunteers/volunteers.shared';
import { eventSignups, events } from './events.tables';
import { isVisible, visibilityOf, visibleCondition } from './events.visibility';

export type EventRow = typeof events.$inferSelect;
type SignupRow = typeof eventSignups.$inferSelect;

export interface EventsDeps {
  readonly db: Db;
  readonly places: PlacesService;
  readonly residents: ResidentsService;
  readonly notifications?: NotificationsService;
}

/** 2026-03-14 10:00, as people in China read it (error messages). */
export const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export const toSignup = (r: SignupRow): Signup => ({ id: r.id, eventId: r.eventId, residentId: r.residentId, residentName: r.residentName, status: r.status, position: r.position, createdAt: r.createdAt.toISOString() });

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
    const names = new Map((await places.findByIds([...new Set(rows.map((r) => r.placeId))], tx)).map((p) => [p.id, p.name]));
    const counts = await tx
      .select({ eventId: eventSignups.eventId, status: eventSignups.status, n: sql<number>`count(*)::int` })
      .from(eventSignups)
      .where(and(inArray(eventSignups.eventId, ids), ne(eventSignups.status, 'cancelled')))
      .groupBy(eventSignups.eventId, eventSignups.status);
    const me = await residents.residentIdOf(actor.userId, tx);
    const mine = me ? await tx.select().from(eventSignups).where(and(inArray(eventSignups.eventId, ids), eq(eventSignups.residentId, me), ne(eventSignups.status, 'cancelled'))) : [];
    const count = (eventId: string, status: string) => Number(counts.find((c) => c.eventId === eventId && c.status === status)?.n ?? 0);
    const now = Date.now();
    return rows.map((r) => {
      const my = mine.find((s) => s.eventId === r.id);
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
      if (after) c.push(or(lt(events.startsAt, new Date(after[0]!)), and(eq(events.startsAt, new Date(after[0]!)), lt(events.id, after[1]!)))!);
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
