import type { RequestStats, Triage } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { sql } from 'drizzle-orm';
import { assertRecordAccess, requirePermission, scopeOf, type Actor } from '../../platform/access';
import { badRequest, notFound } from '../../platform/errors';
import type { Job } from '../../platform/jobs/scheduler';
import type { PlacesService } from '../places/places.service';
import * as repo from './requests.repo';
import { chinaDay } from '../../platform/china-time';

interface Sums {
  received: number;
  resolved: number;
  resolvedOnTime: number;
  handlingSeconds: number;
  followedUp: number;
  satisfactionSum: number;
}

const empty = (): Sums => ({ received: 0, resolved: 0, resolvedOnTime: 0, handlingSeconds: 0, followedUp: 0, satisfactionSum: 0 });

function add(into: Sums, row: repo.StatsRow) {
  into.received += row.received;
  into.resolved += row.resolved;
  into.resolvedOnTime += row.resolved_on_time;
  into.handlingSeconds += Number(row.handling_seconds);
  into.followedUp += row.followed_up;
  into.satisfactionSum += row.satisfaction_sum;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : 0);

function figures(s: Sums) {
  return {
    received: s.received,
    resolved: s.resolved,
    resolutionRate: ratio(s.resolved, s.received),
    onTimeRate: ratio(s.resolvedOnTime, s.resolved),
    averageHandlingHours: s.resolved > 0 ? Math.round((s.handlingSeconds / s.resolved / 3600) * 10) / 10 : null,
    satisfaction: s.followedUp > 0 ? Math.round((s.satisfactionSum / s.followedUp) * 100) / 100 : null,
    followedUp: s.followedUp,
  };
}

export function createRequestStatsService({ db, places }: { db: Db; places: PlacesService }) {
  return {
    /** Read from the rollup kept current by every transaction, never by scanning the requests. */
    async stats(actor: Actor, query: { placeId?: string; from?: string; to?: string }): Promise<RequestStats> {
      requirePermission(actor, 'request.read');
      const placeId = query.placeId ?? actor.grants.filter((g) => scopeOf(actor, 'request.read').paths.includes(g.placePath)).sort((a, b) => a.placePath.length - b.placePath.length)[0]?.placeId;
      if (!placeId) throw notFound();
      const place = await places.findById(placeId);
      assertRecordAccess(actor, place?.path, 'request.read');
      const to = query.to ?? chinaDay(new Date());
      const from = query.from ?? `${to.slice(0, 4)}-01-01`;
      if (from > to) throw badRequest('date_range_invalid');
      const [rows, live] = await Promise.all([repo.statsUnder(db, place!.path, from, to), repo.openAndOverdueUnder(db, place!.path)]);
      const total = empty();
      const byCategory = new Map<string, Sums>();
      const byTriage = new Map<Triage, Sums>();
      for (const row of rows) {
        add(total, row);
        add(byCategory.get(row.category_code) ?? byCategory.set(row.category_code, empty()).get(row.category_code)!, row);
        add(byTriage.get(row.triage) ?? byTriage.set(row.triage, empty()).get(row.triage)!, row);
      }
      const names = new Map((await repo.listCategories(db)).map((c) => [c.code, c.name]));
      return {
        placeId: place!.id,
        placeName: place!.name,
        from,
        to,
        ...figures(total),
        open: live.open,
        overdue: live.overdue,
        byCategory: [...byCategory].filter(([, s]) => s.received !== 0 || s.resolved !== 0).map(([category, s]) => ({ category, name: names.get(category) ?? category, ...figures(s) })).sort((a, b) => b.received - a.received),
        byTriage: [...byTriage].map(([triage, s]) => ({ triage, ...figures(s) })),
      };
    },
  };
}

export type RequestStatsService = ReturnType<typeof createRequestStatsService>;

/**
 * Folds appended statistics changes into the rollup, every two seconds: a fold's length grows with
 * what piled up, and on the embedded database every request waits for it.
 */
export const foldStatsJob: Job = {
  name: 'request-stats-fold',
  lockKey: 726_301,
  everyMs: 2_000,
  async run(tx) {
    return { folded: await repo.foldStatDeltas(tx) };
  },
};

/** Counts for the echo wall header, also from the rollup. */
export async function totalsUnder(db: Db, path: string): Promise<{ received: number; resolved: number }> {
  const like = `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [row] = await queryRows<{ received: number | null; resolved: number | null }>(
    db,
    sql`SELECT sum(received)::int AS received, sum(resolved)::int AS resolved FROM (
          SELECT received, resolved FROM request_stats WHERE place_path LIKE ${like}
          UNION ALL SELECT received, resolved FROM request_stat_deltas WHERE place_path LIKE ${like}) t`,
  );
  return { received: row?.received ?? 0, resolved: row?.resolved ?? 0 };
}
