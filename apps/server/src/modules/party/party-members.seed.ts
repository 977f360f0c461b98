import { and, eq } from 'drizzle-orm';
import { demoPlaces } from '../accounts/accounts.seed';
import * as identityRepo from '../../platform/identity/identity.repo';
import type { DemoSeedContext } from '../../platform/module';
import { partyMembers } from './party-members.tables';
import { partyOrgs } from './party.tables';

/** 党员: 张明 (the demo `member` account) is a full member and the secretary of grid A's branch. */
export async function seedDemoPartyMembers({ db, services }: DemoSeedContext): Promise<void> {
  const { gridA } = await demoPlaces({ services });
  const [branch] = await db.select().from(partyOrgs).where(and(eq(partyOrgs.placeId, gridA.id), eq(partyOrgs.type, 'branch')));
  const user = await identityRepo.findUserByUsername(db, 'member');
  if (!branch || !user) return;
  const residentId = await services.residents.residentIdOf(user.id, db);
  const person = residentId ? await services.residents.brief(residentId, db) : null;
  await db.insert(partyMembers).values({
    orgId: branch.id,
    placeId: branch.placeId,
    placePath: branch.placePath,
    residentId,
    userId: user.id,
    name: person?.name ?? '张明',
    gender: 'male',
    status: 'full',
    type: 'resident',
    position: 'secretary',
    appliedOn: '2008-03-12',
    activistOn: '2008-09-01',
    candidateOn: '2009-05-20',
    probationaryOn: '2009-07-01',
    fullOn: '2010-07-01',
  });
}
