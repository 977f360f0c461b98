import type { Job } from '../../platform/jobs/scheduler';
import type { NewNotification, NotificationsService } from '../../platform/notifications.service';
import * as repo from './party-members.repo';
import { anniversaryIn, comingMonth } from './party-members.rules';
import { chinaDay } from '../../platform/china-time';

/** Who is told of a member's anniversary: their org's secretary, else the nearest org above with one (a group's branch). */
function secretariesFor(orgId: string, parents: ReadonlyMap<string, string | null>, secretaries: ReadonlyMap<string, readonly string[]>): readonly string[] {
  let current: string | null | undefined = orgId;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    const found = secretaries.get(current);
    if (found && found.length > 0) return found;
    seen.add(current);
    current = parents.get(current);
  }
  return [];
}

/**
 * 政治生日提醒: during each month, the secretaries hear of the coming month's anniversaries in their
 * orgs, one notification per member, year and secretary (the dedupe key), so re-runs, restarts and
 * several instances never notify twice. Checked every hour so a restart never skips a day; members
 * added later in the month are still announced.
 */
export function partyAnniversaryReminderJob({ notifications }: { notifications: NotificationsService }): Job {
  return {
    name: 'party-anniversary-reminders',
    lockKey: 726_351,
    everyMs: 3_600_000,
    async run(tx, now) {
      const month = comingMonth(chinaDay(now));
      const year = Number(month.slice(0, 4));
      const members = await repo.membersWithAnniversaryIn(tx, Number(month.slice(5, 7)), year);
      if (members.length === 0) return { reminders: 0 };
      const parents = await repo.orgParents(tx);
      const secretaries = await repo.secretariesByOrg(tx);
      const items: NewNotification[] = [];
      for (const m of members) {
        if (!m.orgId) continue;
        const date = anniversaryIn(m.probationaryOn!, year);
        const years = year - Number(m.probationaryOn!.slice(0, 4));
        for (const userId of secretariesFor(m.orgId, parents, secretaries)) {
          items.push({
            userId,
            kind: 'party-anniversary',
            title: `政治生日提醒：${m.name}`,
            body: `${m.orgName ?? ''}党员${m.name}将于${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日迎来入党${years}周年政治生日`,
            link: `/party/anniversaries?month=${month}`,
            dedupeKey: `party-anniversary:${m.id}:${year}:${userId}`,
          });
        }
      }
      // Inserts in chunks: PGlite and PostgreSQL both cap the parameters of one statement.
      for (let i = 0; i < items.length; i += 500) await notifications.send(tx, items.slice(i, i + 500));
      return { reminders: items.length };
    },
  };
}
