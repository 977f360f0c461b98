import { and, eq, gte, inArray, isNotNull, lt, or, isNull, ne } from 'drizzle-orm';
import { ORG_LIFE_SESSION_TYPE_LABELS } from '@gridwork/contracts';
import type { Job } from '../../platform/jobs/scheduler';
import type { NotificationsService } from '../../platform/notifications.service';
import { partyMembers } from './party-members.tables';
import { orgLifeAttendees, orgLifeSessions } from './org-life.tables';
import { chinaDay, chinaMidnight } from '../../platform/china-time';

const DAY_MS = 86_400_000;

const beijingTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

/**
 * 会议提醒: on the day before a planned session (China time), each required attendee with an
 * account is told once: the attendee row records the date reminded of (so re-runs find nothing
 * to do), and the notification's key holds it too (so a crash between the two sends nothing
 * twice). A session moved to another day is announced again.
 */
export function sessionReminderJob({ notifications }: { notifications: NotificationsService }): Job {
  return {
    name: 'org-life-session-reminders',
    lockKey: 726_361,
    everyMs: 15 * 60_000,
    async run(tx, now) {
      const tomorrow = chinaDay(new Date(now.getTime() + DAY_MS));
      const from = chinaMidnight(tomorrow);
      const rows = await tx
        .select({ attendeeId: orgLifeAttendees.id, sessionId: orgLifeSessions.id, type: orgLifeSessions.type, title: orgLifeSessions.title, startsAt: orgLifeSessions.startsAt, location: orgLifeSessions.location, memberId: partyMembers.id, userId: partyMembers.userId })
        .from(orgLifeSessions)
        .innerJoin(orgLifeAttendees, eq(orgLifeAttendees.sessionId, orgLifeSessions.id))
        .innerJoin(partyMembers, eq(partyMembers.id, orgLifeAttendees.memberId))
        .where(
          and(
            eq(orgLifeSessions.status, 'planned'),
            gte(orgLifeSessions.startsAt, from),
            lt(orgLifeSessions.startsAt, new Date(from.getTime() + DAY_MS)),
            isNotNull(partyMembers.userId),
            or(isNull(orgLifeAttendees.remindedFor), ne(orgLifeAttendees.remindedFor, tomorrow)),
          ),
        );
      if (rows.length === 0) return { reminded: 0 };
      const reminders = rows.map((r) => ({
        userId: r.userId!,
        kind: 'session-reminder' as const,
        title: `明天${beijingTime.format(r.startsAt)}：${ORG_LIFE_SESSION_TYPE_LABELS[r.type]['zh-CN']}`,
        body: `${r.title}${r.location ? `（地点：${r.location}）` : ''}，请准时参加；不能参加请向支部请假`,
        link: '/h5/party/sessions',
        dedupeKey: `session-reminder:${r.sessionId}:${r.memberId}:${tomorrow}`,
      }));
      for (let i = 0; i < reminders.length; i += 500) await notifications.send(tx, reminders.slice(i, i + 500));
      const ids = rows.map((r) => r.attendeeId);
      for (let i = 0; i < ids.length; i += 500) await tx.update(orgLifeAttendees).set({ remindedFor: tomorrow }).where(inArray(orgLifeAttendees.id, ids.slice(i, i + 500)));
      return { reminded: rows.length };
    },
  };
}
