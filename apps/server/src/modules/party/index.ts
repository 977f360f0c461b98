import type { FastifyInstance } from 'fastify';
import type { DemoSeedContext, ModuleManifest } from '../../platform/module';
import type { Job } from '../../platform/jobs/scheduler';
import type { Services } from '../../services';
import { partyRoutes } from './party.routes';
import { seedDemoPartyOrgs } from './party.seed';
import { countOrgsUnder } from './party.repo';
import { seedDemoPartyMembers } from './party-members.seed';
import { partyMembersRoutes } from './party-members.routes';
import { partyAnniversaryReminderJob } from './party-anniversaries.job';
import { orgLifeRoutes } from './org-life.routes';
import { seedDemoOrgLife } from './org-life.seed';
import { sessionReminderJob } from './org-life.reminders';
import { memberScoresRoutes } from './member-scores.routes';
import { seedDemoMemberScores } from './member-scores.seed';
import { seedDemoLearning } from './learning.seed';
import { enrolmentsRoutes } from './enrolments.routes';
import { servicePostsRoutes } from './service-posts.routes';
import { seedDemoEnrolments } from './enrolments.seed';
import { learningRoutes } from './learning.routes';
import { quizzesRoutes } from './quizzes.routes';

type Routes = (app: FastifyInstance, services: Services) => Promise<void> | void;
type Seed = (context: DemoSeedContext) => Promise<void>;
type Jobs = (services: Services) => readonly Job[];

/** The org tree: seeded early, because roles and other modules' demo data refer to it. */
export const partyModule: ModuleManifest = {
  name: 'party',
  routes: partyRoutes,
  seedDemo: seedDemoPartyOrgs,
  counters: countOrgsUnder,
};

/**
 * Members and organisational life (党员 · 报到 · 服务岗位 · 三会一课 · 学习 · 积分), in the party
 * folder but a manifest of its own: its demo data needs residents, accounts, wishes and requests
 * seeded first. Each feature adds its routes, demo seed and jobs to the lists below, in dependency order.
 */
const memberRoutes: readonly Routes[] = [partyMembersRoutes, enrolmentsRoutes, servicePostsRoutes, orgLifeRoutes, learningRoutes, quizzesRoutes, memberScoresRoutes];
const memberSeeds: readonly Seed[] = [seedDemoPartyMembers, seedDemoEnrolments, seedDemoOrgLife, seedDemoLearning, seedDemoMemberScores];
const memberJobs: readonly Jobs[] = [(services) => [partyAnniversaryReminderJob(services)], (services) => [sessionReminderJob(services)]];

export const partyMembersModule: ModuleManifest = {
  name: 'party-members',
  async routes(app, services) {
    for (const routes of memberRoutes) await routes(app, services);
  },
  async seedDemo(context) {
    for (const seed of memberSeeds) await seed(context);
  },
  jobs: (services) => memberJobs.flatMap((jobs) => jobs(services)),
};
