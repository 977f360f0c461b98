import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { EventType } from '@gridwork/contracts';
import type { DemoSeedContext } from '../../platform/module';
import { seededRandom } from '../../platform/seeded-random';
import * as identityRepo from '../../platform/identity/identity.repo';
import { demoPlaces } from '../accounts/accounts.seed';
import { countedInterval, pointsFor } from './events.rules';
import { eventAttendances, eventSignups, events, lectureTopics, lectureVotes } from './events.tables';

const DAY = 86_400_000;
const PLAN: readonly { title: string; type: EventType; colour: string; days: number; hours: number; where: 'communityA' | 'gridA' | 'gridB' }[] = [
  { title: '敬老院志愿服务', type: 'volunteer_service', colour: 'orange', days: -280, hours: 3, where: 'communityA' },
  { title: '垃圾分类宣传进小区', type: 'volunteer_service', colour: 'green', days: -230, hours: 3, where: 'gridA' },
  { title: '主题党日：重温入党誓词', type: 'theme_day', colour: 'red', days: -190, hours: 2, where: 'communityA' },
  { title: '社区大讲堂：防范电信诈骗', type: 'lecture', colour: 'red', days: -150, hours: 2, where: 'communityA' },
  { title: '夏夜平安巡逻', type: 'volunteer_service', colour: 'silver', days: -100, hours: 3, where: 'gridB' },
  { title: '邻里文化节广场舞展演', type: 'culture_sports', colour: 'orange', days: -60, hours: 3, where: 'communityA' },
  { title: '义务理发与家电维修', type: 'volunteer_service', colour: 'red', days: -25, hours: 4, where: 'gridA' },
  { title: '楼道杂物清理行动', type: 'volunteer_service', colour: 'green', days: -6, hours: 3, where: 'gridA' },
  { title: '社区大讲堂：老年人智能手机课', type: 'lecture', colour: 'orange', days: 5, hours: 2, where: 'communityA' },
  { title: '重阳节敬老包饺子', type: 'volunteer_service', colour: 'orange', days: 12, hours: 3, where: 'communityA' },
  { title: '主题党日：走访困难党员', type: 'theme_day', colour: 'red', days: 20, hours: 3, where: 'gridA' },
];
const TOPICS = ['老年人防跌倒与急救常识', '医保异地就医怎么报销', '家庭垃圾分类怎么做', '青少年网络安全', '家庭理财防骗'];

/**
 * Eleven events of community A over the past ten months and the coming weeks: past ones with
 * sign-ups and confirmed attendance whose points went through the points ledger; future ones open
 * for sign-up. Plus lecture topics with votes.
 */
export async function seedDemoEvents({ db, services }: DemoSeedContext): Promise<void> {
  const placesByKey = await demoPlaces({ services });
  const staff = await identityRepo.findUserByUsername(db, 'staff');
  if (!staff) return;
  const rng = seededRandom(606);
  const all = await services.volunteers.rosterUnder(placesByKey.communityA.path, null, undefined, db);
  // A base at 9:00 China time today, so events fall at sensible hours.
  const today = new Date(Math.floor((Date.now() + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000 + 9 * 3_600_000);
  for (const plan of PLAN) {
    const place = placesByKey[plan.where];
    const startsAt = new Date(today.getTime() + plan.days * DAY);
    const endsAt = new Date(startsAt.getTime() + plan.hours * 3_600_000);
    const past = plan.days < 0;
    const [event] = await db
      .insert(events)
      .values({
        title: plan.title,
        type: plan.type,
        colour: plan.colour,
        placeId: place.id,
        placePath: place.path,
        address: `${place.name}党群服务中心`,
        startsAt,
        endsAt,
        capacity: 20,
        signupOpensAt: new Date(startsAt.getTime() - 14 * DAY),
        signupClosesAt: new Date(startsAt.getTime() - 3_600_000),
        pointsPerHour: 10,
        description: `${plan.title}，欢迎居民朋友报名参加。`,
        status: 'published',
        checkInSecret: crypto.randomBytes(24).toString('base64url'),
        organiserUserId: staff.id,
        organiserName: staff.displayName,
        createdAt: new Date(startsAt.getTime() - 15 * DAY),
      })
      .returning();
    const joining = all.filter(() => rng.chance(past ? 0.6 : 0.3));
    for (const v of joining) {
      const [signup] = await db
        .insert(eventSignups)
        .values({ eventId: event!.id, residentId: v.residentId, residentName: v.name, placePath: v.placePath, status: 'confirmed', createdBy: staff.id, createdAt: new Date(startsAt.getTime() - 5 * DAY) })
        .returning();
      if (!past || rng.chance(0.1)) continue;
      const checkIn = new Date(startsAt.getTime() - rng.int(0, 20) * 60_000);
      const checkOut = new Date(endsAt.getTime() + rng.int(-30, 15) * 60_000);
      const counted = countedInterval(checkIn, checkOut, startsAt, endsAt);
      const amount = pointsFor(counted.halfHours, event!.pointsPerHour);
      const [attendance] = await db
        .insert(eventAttendances)
        .values({ eventId: event!.id, signupId: signup!.id, residentId: v.residentId, residentName: v.name, placePath: v.placePath, status: 'checked_out', checkInAt: checkIn, checkOutAt: checkOut, countedFrom: counted.from, countedTo: counted.to, halfHours: counted.halfHours })
        .returning();
      // Confirmed attendance earns points through the ledger, exactly as the confirm route does.
      const posted = amount > 0 ? await services.points.earn(db, { residentId: v.residentId, amount, sourceType: 'event-attendance', sourceId: attendance!.id, reason: `${plan.title} 志愿服务 ${counted.halfHours / 2} 小时`, actor: { userId: staff.id, name: staff.displayName }, key: `attendance:${attendance!.id}` }) : undefined;
      await db
        .update(eventAttendances)
        .set({ status: 'confirmed', points: amount, pointsEntryId: posted?.entryId ?? null, confirmedAt: new Date(endsAt.getTime() + DAY), confirmedBy: staff.id })
        .where(eq(eventAttendances.id, attendance!.id));
    }
  }
  const voters: NonNullable<Awaited<ReturnType<typeof identityRepo.findUserByUsername>>>[] = [];
  for (const username of ['staff', 'gridA', 'member', 'resident']) {
    const user = await identityRepo.findUserByUsername(db, username);
    if (user) voters.push(user);
  }
  for (const [i, title] of TOPICS.entries()) {
    const votes = voters.slice(0, Math.max(0, voters.length - i));
    const [topic] = await db
      .insert(lectureTopics)
      .values({ title, description: null, placeId: placesByKey.communityA.id, placePath: placesByKey.communityA.path, proposerUserId: staff.id, proposerName: staff.displayName, votes: votes.length })
      .returning();
    if (votes.length > 0) await db.insert(lectureVotes).values(votes.map((u) => ({ topicId: topic!.id, userId: u.id })));
  }
}
