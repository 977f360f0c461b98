import type { EchoWall, PublicCommunity } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { notFound } from '../../platform/errors';
import { decodeCursor, pageFrom } from '../../platform/pagination';
import type { PlacesService } from '../places/places.service';
import * as repo from './requests.repo';
import { redactForPublic } from './requests.rules';
import { totalsUnder } from './requests.stats';
import { referenceOf } from './requests.views';

/**
 * 回音壁: how a community's requests were answered, for anyone, without names, phones or exact
 * household addresses. Private matters (私事) and requests whose reporters did not consent stay off.
 */
export function createEchoWallService({ db, places }: { db: Db; places: PlacesService }) {
  return {
    async communities(): Promise<PublicCommunity[]> {
      const [communities, subdistricts] = await Promise.all([places.allOfType('community'), places.allOfType('subdistrict')]);
      const subdistrictName = new Map(subdistricts.map((s) => [s.id, s.name]));
      return communities.map((c) => ({ id: c.id, name: c.name, subdistrictName: (c.parentId && subdistrictName.get(c.parentId)) || '' }));
    },

    async wall(query: { communityId: string; cursor?: string; limit: number }): Promise<EchoWall> {
      const community = await places.findById(query.communityId);
      if (!community || community.type !== 'community') throw notFound();
      const after = decodeCursor(query.cursor, 2)?.map(String) as [string, string] | undefined;
      const [rows, totals, categories] = await Promise.all([repo.publicRequests(db, community.path, after, query.limit), totalsUnder(db, community.path), repo.listCategories(db)]);
      const page = pageFrom(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
      const gridNames = await places.namesOf([...new Set(page.items.map((r) => r.placeId))]);
      const categoryNames = new Map(categories.map((c) => [c.code, c.name]));
      return {
        communityId: community.id,
        communityName: community.name,
        received: totals.received,
        resolved: totals.resolved,
        items: page.items.map((r) => ({
          reference: referenceOf(r.seq),
          categoryName: categoryNames.get(r.categoryCode) ?? r.categoryCode,
          triage: r.triage,
          status: r.status,
          summary: redactForPublic(r.description, [r.contactName]),
          reply: r.result ? redactForPublic(r.result, [r.contactName, r.ownerName]) : null,
          gridName: gridNames.get(r.placeId) ?? '',
          createdAt: r.createdAt.toISOString(),
          resolvedAt: r.resolvedAt?.toISOString() ?? null,
          satisfaction: r.satisfaction,
        })),
        nextCursor: page.nextCursor,
      };
    },
  };
}

export type EchoWallService = ReturnType<typeof createEchoWallService>;
