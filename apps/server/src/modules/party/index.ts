import type { FastifyInstance } from 'fastify';
import type { DemoSeedContext, ModuleManifest } from '../../platform/module';
import type { Job } from '../../platform/jobs/scheduler';
import type { Services } from '../../services';
import { partyRoutes } from './party.routes';
import { seedDemoPartyOrgs } from './party.seed';
import { countOrgsUnder } from './party.repo';
import { seedDemoPartyMembers } from './party-members.seed';

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
const memberRoutes: readonly Routes[] = [];
const memberSeeds: readonly Seed[] = [seedDemoPartyMembers];
const memberJobs: readonly Jobs[] = [];

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
