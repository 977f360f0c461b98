import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('dashboard counters from the module manifests', () => {
  it('counts what lies under a place, for the places in scope only', async () => {
    const staff = await t.login('staff');
    const { communityA, gridA, communityB } = await t.demo();
    const mine = (await staff.get('/api/v1/dashboard/counters')).json();
    expect(mine.placeId).toBe(communityA.id);
    // Small demo: 2 big grids × (1 + 2 small grids), 2 buildings per small grid, 4 households each.
    expect(mine.counters).toMatchObject({ grid: 6, building: 8, household: 32, 'partyOrgs.community_committee': 1, 'partyOrgs.branch': 2 });
    expect(mine.counters.users).toBeGreaterThanOrEqual(5);

    const grid = (await (await t.login('gridA')).get(`/api/v1/dashboard/counters?placeId=${gridA.id}`)).json();
    expect(grid.counters).toMatchObject({ grid: 2, building: 4, household: 16 });
    expect((await staff.get(`/api/v1/dashboard/counters?placeId=${communityB.id}`)).statusCode).toBe(404);
  });
});
