import { and, desc, eq, gte, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditEntry } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import type { AuditContext } from '../access';
import type { Job } from '../jobs/scheduler';
import { decodeCursor, pageFrom } from '../pagination';
import { auditLog } from './audit.tables';

export interface AuditRecord {
  readonly action: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Call inside the same transaction as the change it records. */
export async function writeAudit(db: Db, context: AuditContext, record: AuditRecord): Promise<void> {
  await db.insert(auditLog).values(auditRow(context, record));
}

/**
 * The audit row as an INSERT, for a change written by one statement of data-modifying CTEs (see
 * `reusableStatement`: the row may hold slots, and `after` an SQL expression over the CTEs).
 */
export function auditInsert(db: Db, row: AuditRow | { readonly [K in keyof AuditRow]: AuditRow[K] | SQL }): SQL {
  return db.insert(auditLog).values(row).getSQL();
}

export type AuditRow = ReturnType<typeof auditRow>;

export function auditRow(context: AuditContext, record: AuditRecord) {
  return {
    actorId: context.actorId,
    actorName: context.actorName,
    ip: context.ip,
    userAgent: context.userAgent?.slice(0, 300) ?? null,
    action: record.action,
    entityType: record.entityType ?? null,
    entityId: record.entityId ?? null,
    before: record.before ?? null,
    after: record.after ?? null,
  };
}

export interface AuditQuery {
  readonly action?: string;
  readonly actor?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** Links unsealed rows to the hash chain (at most `batch`); returns how many were sealed. */
export async function sealAudit(db: Db, batch = 50_000): Promise<number> {
  const [row] = await queryRows<{ sealed: number }>(db, sql`SELECT audit_log_seal(${batch}) AS sealed`);
  return Number(row?.sealed ?? 0);
}

/** Rows one round seals at most: four rounds a second keep up with 4,000 audited writes a second. */
export const SEAL_ROUND_ROWS = 1_000;

/**
 * Seals four times a second, a bounded batch each time, so the unsealed tail a writer leaves is
 * short, and so is each round: on the embedded database a round holds the one backend, and every
 * request waits for it (a round a second sealed ~1,300 rows in 60–100 ms under the intake benchmark).
 */
export const auditSealJob: Job = {
  name: 'audit-seal',
  lockKey: 726_304,
  everyMs: 250,
  // audit_log_seal() takes the chain's lock itself: a second instance waits, then seals what is left.
  standalone: true,
  async run(tx) {
    return { sealed: await sealAudit(tx, SEAL_ROUND_ROWS) };
  },
};

/** The sealed log, newest first; what is still unsealed is sealed first, so nothing is missing. */
export async function listAudit(db: Db, query: AuditQuery) {
  await sealAudit(db);
  const conditions: SQL[] = [isNotNull(auditLog.seq)];
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.actor) conditions.push(eq(auditLog.actorName, query.actor));
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.from) conditions.push(gte(auditLog.at, new Date(query.from)));
  if (query.to) conditions.push(lte(auditLog.at, new Date(query.to)));
  const cursor = decodeCursor(query.cursor, 1);
  if (cursor) conditions.push(lt(auditLog.seq, Number(cursor[0])));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => [r.seq!]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(
      (r): AuditEntry => ({
        seq: r.seq!,
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
        ip: r.ip,
        userAgent: r.userAgent,
      }),
    ),
  };
}

/**
 * Walks the chain: every row's hash must match its content and link to the previous row's hash,
 * and `seq` must have no gaps. An edited or removed row is found as the first broken `seq`.
 */
export async function verifyAuditChain(db: Db): Promise<{ ok: boolean; checked: number; firstBrokenSeq: number | null }> {
  await sealAudit(db);
  const rows = await queryRows<{ checked: string | number; first_broken: string | number | null }>(db, sql`
    WITH chain AS (
      SELECT seq, hash, prev_hash,
        audit_log_digest(prev_hash, seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, ip, user_agent) AS expected,
        lag(hash) OVER (ORDER BY seq) AS previous_hash,
        lag(seq) OVER (ORDER BY seq) AS previous_seq
      FROM audit_log WHERE seq IS NOT NULL
    )
    SELECT count(*) AS checked,
      min(seq) FILTER (WHERE hash <> expected
        OR prev_hash <> coalesce(previous_hash, repeat('0', 64))
        OR seq <> coalesce(previous_seq, 0) + 1) AS first_broken
    FROM chain`);
  const row = rows[0];
  const firstBroken = row?.first_broken === null || row?.first_broken === undefined ? null : Number(row.first_broken);
  return { ok: firstBroken === null, checked: Number(row?.checked ?? 0), firstBrokenSeq: firstBroken };
}
