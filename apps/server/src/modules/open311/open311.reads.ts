import { OPEN_REQUEST_STATUSES, type RequestStatus } from '@gridwork/contracts';
import type { Services } from '../../services';
import { badParameter } from './open311.http';
import { toOpen311Request, type RequestRow } from './open311.views';

/** At most this many requests per answer (the specification's "first 1000 requests"). */
export const MAX_REQUESTS = 1000;
/** The default span when the client names no dates (the specification's 90 days). */
const DEFAULT_SPAN_MS = 90 * 86_400_000;
/** `service_request_id` lists longer than this are refused rather than fanned out. */
const MAX_IDS = 100;

type Query = Readonly<Record<string, unknown>>;

function text(query: Query, name: string): string | undefined {
  const value = Array.isArray(query[name]) ? (query[name] as unknown[])[0] : query[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function dateOf(query: Query, name: 'start_date' | 'end_date'): Date | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const at = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw badParameter(`${name} 不是有效的 ISO 8601 时间`, `${name} is not a valid ISO 8601 date-time`);
  return at;
}

function statusesOf(query: Query): readonly RequestStatus[] | undefined {
  const value = text(query, 'status');
  if (value === undefined) return undefined;
  const wanted = new Set(value.split(',').map((s) => s.trim().toLowerCase()));
  for (const s of wanted) if (s !== 'open' && s !== 'closed') throw badParameter('status 只能是 open、closed 或 open,closed', 'status must be open, closed or open,closed');
  if (wanted.size === 2) return undefined;
  return wanted.has('open') ? OPEN_REQUEST_STATUSES : ['closed', 'rejected'];
}

/** Reads for anyone, by the district's requests only. */
export function createOpen311Reads({ places, requests }: Pick<Services, 'places' | 'requests'>) {
  /** The whole install is one district; its root bounds what Open311 shows. */
  async function districtPath(): Promise<string | undefined> {
    const [district] = await places.allOfType('district');
    return district?.path;
  }

  async function present(rows: readonly RequestRow[]) {
    const categoryNames = new Map((await requests.listCategoriesPublic()).map((c) => [c.code, c.name]));
    const ids = new Set<string>();
    for (const row of rows) {
      ids.add(row.responsiblePlaceId);
      if (row.subjectPlaceId) ids.add(row.subjectPlaceId);
    }
    const named = await places.findByIds([...ids]);
    const look = {
      categoryNames,
      placeNames: new Map(named.map((p) => [p.id, p.name])),
      households: new Set(named.filter((p) => p.type === 'household').map((p) => p.id)),
    };
    return rows.map((row) => toOpen311Request(row, look));
  }

  async function one(idOrReference: string): Promise<RequestRow | undefined> {
    const [row, root] = await Promise.all([requests.findForOpen311(idOrReference), districtPath()]);
    return row && root && row.placePath.startsWith(root) ? row : undefined;
  }

  return {
    one,
    present,

    /** GET requests: by ids (then other filters are ignored, per the specification) or by filters. */
    async list(query: Query) {
      const ids = text(query, 'service_request_id');
      if (ids !== undefined) {
        const wanted = [...new Set(ids.split(',').map((s) => s.trim()).filter(Boolean))];
        if (wanted.length > MAX_IDS) throw badParameter(`service_request_id 最多 ${MAX_IDS} 个`, `At most ${MAX_IDS} service_request_id values`);
        const rows = (await Promise.all(wanted.map(one))).filter((r): r is RequestRow => r !== undefined);
        return present(rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()));
      }
      const root = await districtPath();
      if (!root) return [];
      const end = dateOf(query, 'end_date');
      const start = dateOf(query, 'start_date') ?? new Date((end?.getTime() ?? Date.now()) - DEFAULT_SPAN_MS);
      if (end && end.getTime() < start.getTime()) throw badParameter('end_date 早于 start_date', 'end_date is before start_date');
      const codes = text(query, 'service_code')?.split(',').map((s) => s.trim()).filter(Boolean);
      const rows = await requests.listForOpen311({
        pathPrefix: root,
        statuses: statusesOf(query),
        categoryCodes: codes,
        from: start,
        // end_date is inclusive; the repository's upper bound is exclusive.
        to: end ? new Date(end.getTime() + 1) : undefined,
        limit: MAX_REQUESTS,
      });
      return present(rows.slice(0, MAX_REQUESTS));
    },
  };
}
