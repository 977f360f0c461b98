import { and, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { AttendanceSheet, CheckInCode, CheckInOut } from '@gridwork/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { auditContextOf, inScope, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import type { PointsService } from '../points/points.service';
import type { ResidentsService } from '../residents/residents.service';
import { ownResidentId } from '../volunteers/volunteers.shared';
import { checkInCodeAt, countedInterval, isValidCheckInCode, pointsFor } from './events.rules';
import { chinaTime, toAttendance, toSignup, type EventRow, type EventsService } from './events.service';

// Defined next to the event views (they carry the viewer's own attendance); kept importable from here.
export { toAttendance };
import { eventAttendances, eventSignups, events } from './events.tables';

type AttendanceRow = typeof eventAttendances.$inferSelect;

export interface AttendanceDeps {
  readonly db: Db;
  readonly events: EventsService;
  readonly residents: ResidentsService;
  readonly points: Pick<PointsService, 'earn'>;
}


/** 签到 · 签退 · 确认时长: by scanning the organiser's rotating code, or recorded by the organiser. */
export function createAttendanceService({ db, events: eventsService, residents, points }: AttendanceDeps) {
  /**
   * Whose attendance and at what time: an organiser names the resident (and may give the time, for a
   * paper sheet typed in later); anyone else is themselves, now, and must show the current code.
   */
  async function who(tx: Db, actor: Actor, event: EventRow, body: z.output<typeof CheckInOut>): Promise<{ residentId: string; at: Date }> {
    const organiser = inScope(scopeOf(actor, 'event.write'), event.placePath);
    if (body.residentId) {
      if (!organiser) throw forbidden();
      await residents.readable(actor, body.residentId, tx);
      return { residentId: body.residentId, at: body.at ? new Date(body.at) : new Date() };
    }
    requirePermission(actor, 'event.signup');
    if (body.at) throw forbidden();
    const residentId = await ownResidentId(residents, actor, tx);
    if (!body.code) throw unprocessable('event_check_in_code_required');
    const now = new Date();
    if (!isValidCheckInCode(event.checkInSecret, body.code, now)) throw unprocessable('event_check_in_code_invalid');
    return { residentId, at: now };
  }

  async function audit(tx: Db, actor: Actor, action: string, row: AttendanceRow) {
    await writeAudit(tx, auditContextOf(actor), { action: `event.${action}`, entityType: 'event_attendance', entityId: row.id, after: { eventId: row.eventId, residentId: row.residentId, status: row.status, halfHours: row.halfHours, points: row.points } });
  }

  return {
    async checkIn(actor: Actor, id: string, body: z.output<typeof CheckInOut>) {
      return db.transaction(async (tx) => {
        const event = await eventsService.readable(tx, actor, id);
        const { residentId, at } = await who(tx, actor, event, body);
        if (event.status !== 'published') throw conflict('event_not_open');
        const [signup] = await tx
          .select()
          .from(eventSignups)
          .where(and(eq(eventSignups.eventId, id), eq(eventSignups.residentId, residentId), eq(eventSignups.status, 'confirmed')));
        if (!signup) throw unprocessable('event_not_signed_up');
        const [existing] = await tx.select({ id: eventAttendances.id }).from(eventAttendances).where(and(eq(eventAttendances.eventId, id), eq(eventAttendances.residentId, residentId)));
        if (existing) throw conflict('event_already_checked_in');
        const [row] = await tx
          .insert(eventAttendances)
          .values({ eventId: id, signupId: signup.id, residentId, residentName: signup.residentName, placePath: signup.placePath, status: 'checked_in', checkInAt: at })
          .returning();
        await audit(tx, actor, 'check-in', row!);
        return toAttendance(row!);
      });
    },

    async checkOut(actor: Actor, id: string, body: z.output<typeof CheckInOut>) {
      return db.transaction(async (tx) => {
        const event = await eventsService.readable(tx, actor, id);
        const { residentId, at } = await who(tx, actor, event, body);
        // Lock all of this person's attendances: two check-outs at once cannot both pass the overlap check.
        const mine = await tx.select().from(eventAttendances).where(eq(eventAttendances.residentId, residentId)).for('update');
        const row = mine.find((a) => a.eventId === id);
        if (!row) throw unprocessable('event_not_checked_in');
        if (row.checkOutAt) throw conflict('event_already_checked_out');
        if (at <= row.checkInAt) throw unprocessable('event_check_out_before_check_in', { in: chinaTime(row.checkInAt), out: chinaTime(at) });
        const counted = countedInterval(row.checkInAt, at, event.startsAt, event.endsAt);
        if (counted.halfHours > 0) {
          const [clash] = await tx
            .select({ title: events.title })
            .from(eventAttendances)
            .innerJoin(events, eq(events.id, eventAttendances.eventId))
            .where(and(eq(eventAttendances.residentId, residentId), ne(eventAttendances.id, row.id), gt(eventAttendances.halfHours, 0), lt(eventAttendances.countedFrom, counted.to), gt(eventAttendances.countedTo, counted.from)))
            .limit(1);
          if (clash) throw unprocessable('event_hours_overlap', { title: clash.title });
        }
        const [updated] = await tx
          .update(eventAttendances)
          .set({ status: 'checked_out', checkOutAt: at, countedFrom: counted.from, countedTo: counted.to, halfHours: counted.halfHours })
          .where(eq(eventAttendances.id, row.id))
          .returning();
        await audit(tx, actor, 'check-out', updated!);
        return toAttendance(updated!);
      });
    },

    /** The organiser confirms the hours; the points go to the resident's ledger in the same transaction, once. */
    async confirm(actor: Actor, id: string, attendanceId: string) {
      return db.transaction(async (tx) => {
        const event = await eventsService.manageable(tx, actor, id);
        const [row] = await tx.select().from(eventAttendances).where(and(eq(eventAttendances.id, attendanceId), eq(eventAttendances.eventId, id))).for('update');
        if (!row) throw notFound();
        if (row.status === 'confirmed') throw conflict('event_attendance_confirmed');
        if (row.status !== 'checked_out') throw conflict('event_attendance_not_checked_out');
        const halfHours = row.halfHours ?? 0;
        const amount = pointsFor(halfHours, event.pointsPerHour);
        const posted =
          amount > 0
            ? await points.earn(tx, {
                residentId: row.residentId,
                amount,
                sourceType: 'event-attendance',
                sourceId: row.id,
                reason: `${event.title} 志愿服务 ${halfHours / 2} 小时`,
                actor: { userId: actor.userId, name: actor.displayName },
                key: `attendance:${row.id}`,
              })
            : undefined;
        const [updated] = await tx
          .update(eventAttendances)
          .set({ status: 'confirmed', points: amount, pointsEntryId: posted?.entryId ?? null, confirmedAt: new Date(), confirmedBy: actor.userId })
          .where(eq(eventAttendances.id, row.id))
          .returning();
        await audit(tx, actor, 'attendance-confirm', updated!);
        return toAttendance(updated!);
      });
    },

    /** The check-in sheet: every sign-up (waiting list included) with its attendance. */
    async sheet(actor: Actor, id: string): Promise<AttendanceSheet> {
      const event = await eventsService.readable(db, actor, id);
      if (!inScope(scopeOf(actor, 'event.read'), event.placePath)) throw forbidden();
      const signups = await db.select().from(eventSignups).where(and(eq(eventSignups.eventId, id), ne(eventSignups.status, 'cancelled')));
      const attendances = await db.select().from(eventAttendances).where(eq(eventAttendances.eventId, id));
      signups.sort((a, b) => (a.status === b.status ? (a.position ?? 0) - (b.position ?? 0) || a.createdAt.getTime() - b.createdAt.getTime() : a.status === 'confirmed' ? -1 : 1));
      return {
        eventId: id,
        rows: signups.map((s) => {
          const a = attendances.find((x) => x.residentId === s.residentId);
          const signup = toSignup(s);
          return { signupId: s.id, residentId: s.residentId, residentName: s.residentName, signupStatus: signup.status, position: signup.position, attendance: a ? toAttendance(a) : null };
        }),
      };
    },

    /** For the organiser's screen (shown as a QR code); it rotates every five minutes. */
    async code(actor: Actor, id: string): Promise<CheckInCode> {
      const event = await eventsService.manageable(db, actor, id);
      if (event.status !== 'published') throw conflict('event_not_open');
      const { code, expiresAt } = checkInCodeAt(event.checkInSecret, new Date());
      return { code, expiresAt: expiresAt.toISOString(), qr: `gridwork://event-check-in?event=${event.id}&code=${code}` };
    },
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;

/** Confirmed half hours per resident, for the volunteers roster. */
export async function confirmedHalfHours(tx: Db, residentIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
  if (residentIds.length === 0) return new Map();
  const rows = await tx
    .select({ residentId: eventAttendances.residentId, half: sql<number>`coalesce(sum(${eventAttendances.halfHours}), 0)::int` })
    .from(eventAttendances)
    .where(and(inArray(eventAttendances.residentId, [...residentIds]), eq(eventAttendances.status, 'confirmed')))
    .groupBy(eventAttendances.residentId);
  return new Map(rows.map((r) => [r.residentId, Number(r.half)]));
}
