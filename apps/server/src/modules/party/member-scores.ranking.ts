import { sql, type SQL } from 'drizzle-orm';
import type { DimensionTotals, MemberScoreRank } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { scopeCondition, type Scope } from '../../platform/access';

const like = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface RankingFilter {
  readonly year: number;
  /** The org whose subtree is ranked (its in-service members without an org of ours included by place); null ranks everyone in scope. */
  readonly org: { readonly id: string; readonly placePath: string } | null;
  /** Null only for self-service (a member's own rank), which reveals no one else's data. */
  readonly scope: Scope | null;
  /** Keyset: after this total and member seq. */
  readonly after?: { readonly total: number; readonly seq: number };
  readonly memberId?: string;
  readonly limit?: number;
}

interface RankingRow {
  rank: number | string;
  member_id: string;
  seq: number | string;
  name: string;
  org_id: string | null;
  org_name: string | null;
  total: number;
  party_spirit: number;
  purpose: number;
  organisation: number;
  vanguard: number;
  members: number | string;
}

export interface RankedMember extends MemberScoreRank {
  readonly seq: number;
  /** How many members the ranking has in all. */
  readonly members: number;
}

/**
 * The yearly ranking: members of the org subtree in scope, with their approved points of the year
 * (zero when none), ranked by total with ties sharing a rank (SQL `rank()`), then by registration.
 * The rank is computed over the whole set before the keyset page or member filter is applied.
 */
export async function rankMembers(tx: Db, filter: RankingFilter): Promise<RankedMember[]> {
  const membership: SQL = filter.org
    ? sql`(m.org_id IN (SELECT id FROM sub) OR (m.org_id IS NULL AND m.place_path LIKE ${like(filter.org.placePath)}))`
    : sql`true`;
  const scoped = filter.scope ? scopeCondition(filter.scope, sql`m.place_path`) : sql`true`;
  const subtree = filter.org
    ? sql`WITH RECURSIVE sub(id) AS (SELECT id FROM party_orgs WHERE id = ${filter.org.id} UNION ALL SELECT o.id FROM party_orgs o JOIN sub ON o.parent_id = sub.id),`
    : sql`WITH`;
  const outer: SQL[] = [];
  if (filter.after) outer.push(sql`(total < ${filter.after.total}::float8 OR (total = ${filter.after.total}::float8 AND seq > ${filter.after.seq}))`);
  if (filter.memberId) outer.push(sql`member_id = ${filter.memberId}`);
  const where = outer.length > 0 ? sql`WHERE ${sql.join(outer, sql` AND `)}` : sql``;
  const limit = filter.limit ? sql`LIMIT ${filter.limit}` : sql``;
  const rows = await queryRows<RankingRow>(
    tx,
    sql`${subtree}
      members AS (SELECT m.id, m.seq, m.name, m.org_id FROM party_members m WHERE ${membership} AND ${scoped}),
      sums AS (
        SELECT e.member_id,
          coalesce(sum(e.points) FILTER (WHERE e.dimension = 'party_spirit'), 0) AS party_spirit,
          coalesce(sum(e.points) FILTER (WHERE e.dimension = 'purpose'), 0) AS purpose,
          coalesce(sum(e.points) FILTER (WHERE e.dimension = 'organisation'), 0) AS organisation,
          coalesce(sum(e.points) FILTER (WHERE e.dimension = 'vanguard'), 0) AS vanguard,
          sum(e.points) AS total
        FROM member_score_entries e
        WHERE e.status = 'approved' AND e.year = ${filter.year} AND e.member_id IN (SELECT id FROM members)
        GROUP BY e.member_id
      ),
      ranked AS (
        SELECT m.id AS member_id, m.seq, m.name, m.org_id, o.name AS org_name,
          round(coalesce(s.total, 0), 1)::float8 AS total,
          round(coalesce(s.party_spirit, 0), 1)::float8 AS party_spirit,
          round(coalesce(s.purpose, 0), 1)::float8 AS purpose,
          round(coalesce(s.organisation, 0), 1)::float8 AS organisation,
          round(coalesce(s.vanguard, 0), 1)::float8 AS vanguard,
          rank() OVER (ORDER BY coalesce(s.total, 0) DESC) AS rank,
          count(*) OVER () AS members
        FROM members m
        LEFT JOIN sums s ON s.member_id = m.id
        LEFT JOIN party_orgs o ON o.id = m.org_id
      )
      SELECT * FROM ranked ${where} ORDER BY total DESC, seq ASC ${limit}`,
  );
  return rows.map((r) => {
    const dimensions: DimensionTotals = { party_spirit: Number(r.party_spirit), purpose: Number(r.purpose), organisation: Number(r.organisation), vanguard: Number(r.vanguard) };
    return {
      rank: Number(r.rank),
      memberId: r.member_id,
      seq: Number(r.seq),
      name: r.name,
      orgId: r.org_id,
      orgName: r.org_name,
      total: Number(r.total),
      dimensions,
      members: Number(r.members),
    };
  });
}
