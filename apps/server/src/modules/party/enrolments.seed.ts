import { and, asc, eq, sql } from 'drizzle-orm';
import type { MemberStatus, ServicePostKind } from '@gridwork/contracts';
import { demoPlaces } from '../accounts/accounts.seed';
import * as identityRepo from '../../platform/identity/identity.repo';
import type { DemoSeedContext } from '../../platform/module';
import { SYSTEM_ACTOR } from '../../platform/system-actor';
import { awardMemberScore } from './member-scores.award';
import { partyEnrolments } from './enrolments.tables';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';
import { servicePostClaims, servicePostHours, servicePosts } from './service-posts.tables';
import { chinaDay, chinaNoon } from '../../platform/china-time';

const DAY_MS = 86_400_000;
const day = (offset: number) => chinaDay(new Date(Date.now() + offset * DAY_MS));

type Community = 'A' | 'B';
interface DemoPost {
  readonly community: Community;
  readonly at: 'community' | 'gridA' | 'gridB';
  readonly kind: ServicePostKind;
  readonly title: string;
  readonly description: string;
  readonly capacity: number;
}
const POSTS: readonly DemoPost[] = [
  { community: 'A', at: 'community', kind: 'policy_publicity', title: '医保政策宣传岗', description: '每周六上午在党群服务中心门口摆摊，讲解城乡居民医保缴费和报销政策', capacity: 6 },
  { community: 'A', at: 'gridA', kind: 'civility_persuasion', title: '文明养犬劝导岗', description: '傍晚在小区中心花园劝导牵绳遛狗、及时清理犬只粪便', capacity: 4 },
  { community: 'A', at: 'gridB', kind: 'elderly_care', title: '独居老人助老服务岗', description: '每月两次上门看望结对独居老人，帮忙买菜、陪同就医', capacity: 3 },
  { community: 'A', at: 'community', kind: 'dispute_mediation', title: '邻里纠纷调解岗', description: '协助社区调委会调解噪音、漏水、停车等邻里纠纷', capacity: 2 },
  { community: 'B', at: 'community', kind: 'epidemic_duty', title: '流感季防控值守岗', description: '在社区卫生服务站协助登记、测温和疏导人流', capacity: 5 },
  { community: 'B', at: 'community', kind: 'policy_publicity', title: '垃圾分类宣传岗', description: '早晚投放高峰在分类亭宣传指导', capacity: 4 },
];

interface DemoEnrolment {
  readonly username: string;
  readonly name: string;
  readonly community: Community;
  readonly employer: string;
  readonly homeOrgName: string;
  readonly status: MemberStatus;
  readonly joinedOn: string;
  readonly phone: string;
  readonly approved: boolean;
  /** Posts claimed (by index in POSTS) with hours confirmed on days before today. */
  readonly served: readonly { readonly post: number; readonly days: readonly number[]; readonly hours: number }[];
}
const ENROLMENTS: readonly DemoEnrolment[] = [
  { username: 'zaizhi1', name: '陈思远', community: 'A', employer: '市税务局', homeOrgName: '市税务局机关党委', status: 'full', joinedOn: '2011-07-01', phone: '13905510001', approved: true, served: [{ post: 0, days: [9, 2], hours: 3 }, { post: 3, days: [5], hours: 2 }] },
  { username: 'zaizhi2', name: '林晓', community: 'A', employer: '区人民医院', homeOrgName: '区人民医院党总支', status: 'full', joinedOn: '2015-06-20', phone: '13905510002', approved: true, served: [{ post: 2, days: [12, 4], hours: 2.5 }] },
  { username: 'zaizhi3', name: '黄志强', community: 'A', employer: '市税务局', homeOrgName: '市税务局机关党委', status: 'probationary', joinedOn: '2025-09-01', phone: '13905510003', approved: true, served: [{ post: 1, days: [3], hours: 1.5 }] },
  { username: 'zaizhi4', name: '何静', community: 'A', employer: '市第二中学', homeOrgName: '市第二中学党支部', status: 'full', joinedOn: '2009-12-15', phone: '13905510004', approved: false, served: [] },
  { username: 'zaizhi5', name: '马骏', community: 'A', employer: '区城市管理局', homeOrgName: '区城市管理局机关党支部', status: 'full', joinedOn: '2018-07-01', phone: '13905510005', approved: false, served: [] },
  { username: 'zaizhi6', name: '赵雅琴', community: 'B', employer: '市供电公司', homeOrgName: '市供电公司第三党支部', status: 'full', joinedOn: '2013-05-04', phone: '13905510006', approved: true, served: [{ post: 4, days: [6], hours: 4 }] },
];

/**
 * 在职党员报到 and 服务岗位 demo: posts in both communities, in-service members (with their own
 * accounts, password as the other demo accounts) approved by the staff, claims with confirmed hours,
 * and two enrolments waiting in community A's queue. 居民李芳 is left to enrol herself.
 */
export async function seedDemoEnrolments({ db, services }: DemoSeedContext): Promise<void> {
  const { communityA, communityB, gridA, gridB } = await demoPlaces({ services });
  const staff = await identityRepo.findUserByUsername(db, 'staff');
  const staffB = await identityRepo.findUserByUsername(db, 'staffB');
  const resident = await identityRepo.findUserByUsername(db, 'resident');
  if (!staff || !staffB || !resident) return;
  const [gridOfB] = (await services.places.list(SYSTEM_ACTOR, { parentId: communityB.id, limit: 1 })).items;
  const community = { A: communityA, B: communityB };
  const decider = { A: staff.id, B: staffB.id };
  const placeOf = { community: (c: Community) => community[c], gridA: () => gridA, gridB: () => gridB };

  const posts = [];
  for (const [i, p] of POSTS.entries()) {
    const place = placeOf[p.at](p.community);
    const [row] = await db
      .insert(servicePosts)
      .values({ placeId: place.id, placePath: place.path, kind: p.kind, title: p.title, description: p.description, capacity: p.capacity, startsOn: day(-30 - i), endsOn: day(60 + i * 10), createdBy: decider[p.community], createdAt: new Date(Date.now() - (31 + i) * DAY_MS) })
      .returning();
    posts.push(row!);
  }

  for (const [i, e] of ENROLMENTS.entries()) {
    const home = e.community === 'A' ? gridA : (gridOfB ?? communityB);
    // The demo password's hash is copied from 李芳's account (same password): hashing it six more times would cost the seed a second.
    const user = await identityRepo.insertUser(db, { username: e.username, displayName: `在职党员${e.name}`, phone: null, passwordHash: resident.passwordHash, mustChangePassword: false, isDemo: true });
    await identityRepo.insertAssignment(db, { userId: user.id, role: 'resident', placeId: home.id, placePath: home.path });
    const place = community[e.community];
    const createdAt = new Date(Date.now() - (20 - i) * DAY_MS);
    const phone = services.enrolments.sealPhone(e.phone);
    const dates = { probationaryOn: e.joinedOn, fullOn: e.status === 'full' ? `${Number(e.joinedOn.slice(0, 4)) + 1}${e.joinedOn.slice(4)}` : null };
    const [enrolment] = await db
      .insert(partyEnrolments)
      .values({ userId: user.id, communityId: place.id, placePath: place.path, name: e.name, ...phone, employer: e.employer, homeOrgName: e.homeOrgName, status: e.status, ...dates, createdAt })
      .returning();
    if (!e.approved) continue;
    const [org] = await db
      .select()
      .from(partyOrgs)
      .where(and(eq(partyOrgs.placeId, place.id), eq(partyOrgs.type, 'community_committee')))
      .orderBy(asc(partyOrgs.seq))
      .limit(1);
    if (!org) continue;
    const decidedAt = new Date(createdAt.getTime() + DAY_MS);
    const [member] = await db
      .insert(partyMembers)
      .values({ orgId: org.id, placeId: org.placeId, placePath: org.placePath, userId: user.id, name: e.name, ...phone, status: e.status, type: 'in_service', ...dates, employer: e.employer, homeOrgName: e.homeOrgName, createdAt: decidedAt })
      .returning({ id: partyMembers.id });
    const points = await awardMemberScore(db, { memberId: member!.id, item: 'enrolment', sourceType: 'enrolment', sourceId: enrolment!.id, occurredAt: decidedAt, reason: `到社区报到：${org.name}` });
    await db.update(partyEnrolments).set({ state: 'approved', decidedBy: decider[e.community], decidedAt, memberId: member!.id, points }).where(eq(partyEnrolments.id, enrolment!.id));

    for (const served of e.served) {
      const post = posts[served.post]!;
      await db.update(servicePosts).set({ claimedCount: sql`${servicePosts.claimedCount} + 1` }).where(eq(servicePosts.id, post.id));
      const [claim] = await db.insert(servicePostClaims).values({ postId: post.id, memberId: member!.id, placePath: post.placePath, claimedBy: user.id, createdAt: decidedAt }).returning();
      for (const ago of served.days) {
        const servedOn = day(-ago);
        const [hours] = await db
          .insert(servicePostHours)
          .values({ claimId: claim!.id, memberId: member!.id, placePath: post.placePath, servedOn, hours: served.hours, loggedBy: user.id, status: 'confirmed', decidedBy: decider[e.community], decidedAt: new Date() })
          .returning({ id: servicePostHours.id });
        const earned = await awardMemberScore(db, { memberId: member!.id, item: 'post-hours', sourceType: 'service-post-claim', sourceId: hours!.id, occurredAt: chinaNoon(servedOn), hours: served.hours, reason: `服务岗位「${post.title}」${servedOn} 服务 ${served.hours} 小时` });
        await db.update(servicePostHours).set({ points: earned }).where(eq(servicePostHours.id, hours!.id));
      }
    }
  }
  // One hours entry waits for confirmation, so the queue is not empty in the demo.
  const [waiting] = await db.select().from(servicePostClaims).where(eq(servicePostClaims.postId, posts[0]!.id)).limit(1);
  if (waiting) await db.insert(servicePostHours).values({ claimId: waiting.id, memberId: waiting.memberId, placePath: waiting.placePath, servedOn: day(-1), hours: 2, note: '周六上午医保政策宣传', loggedBy: waiting.claimedBy });
}
