import type { Readable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import { IdType, type Gender, type Relation, type ResidenceType, type ResidentListQuery } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/sql';
import { auditContextOf, inScope, requirePermission, scopeCondition, scopeOf, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import type { DataCipher } from '../../platform/crypto';
import { notFound, unprocessable } from '../../platform/errors';
import { createSheetWriter } from '../../platform/xlsx/sheet-writer';
import type { PlacesService } from '../places/places.service';
import { COLUMNS, EXPORT_EXTRA_HEADERS, EXPORT_MAX_ROWS, GENDER_LABELS, ID_TYPE_LABELS, RELATION_LABELS, RESIDENCE_LABELS, SHEET_NAME } from './residents.excel';
import { MINOR_AGE, birthDateRange, idIndexInput, phoneIndexInput } from './residents.rules';
import { queryTokens } from './residents.search';

export type ExportRequest = Omit<ResidentListQuery, 'cursor' | 'limit'> & { cursor?: string; limit?: number };

export interface ExportDeps {
  readonly db: Db;
  readonly cipher: DataCipher;
  readonly places: PlacesService;
  /** Rows fetched per query (keyset pages). */
  readonly chunkSize?: number;
}

export interface ExportResult {
  readonly stream: Readable;
  readonly fileName: string;
  readonly rows: number;
}

interface ExportRow {
  id: string;
  name: string;
  gender: Gender;
  birth_date: string;
  id_type: IdType;
  id_number_enc: string;
  id_number_masked: string;
  phone_enc: string | null;
  phone_masked: string | null;
  relation_to_head: Relation | null;
  residence_type: ResidenceType;
  occupation: string | null;
  employer: string | null;
  notes: string | null;
  place_path: string;
  household_code: string | null;
  household_name: string | null;
  sort_key: string;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Pages fetched and decrypted ahead of the one being written. */
const PAGES_AHEAD = 3;

const SORT = {
  name: { column: sql.raw('r.name'), key: sql.raw('r.name'), cast: sql`` },
  birthDate: { column: sql.raw('r.birth_date'), key: sql.raw('r.birth_date::text'), cast: sql`::date` },
  createdAt: { column: sql.raw('r.created_at'), key: sql.raw('r.created_at::text'), cast: sql`::timestamptz` },
} as const;

/**
 * Exports the filtered list (the filters of `GET /residents`) as an xlsx stream (platform/xlsx sheet writer), one keyset page at a time. Rows follow the actor's export scope; children
 * under 14 only where they may open them; ID numbers and phones are masked unless the actor may
 * reveal them there. Audited with the filters and the row count before the first byte is sent.
 */
export async function exportResidents(deps: ExportDeps, actor: Actor, query: ExportRequest): Promise<ExportResult> {
  const { db, cipher } = deps;
  const chunkSize = deps.chunkSize ?? 5000;
  requirePermission(actor, 'resident.export');
  const scope = scopeOf(actor, 'resident.export');
  const readScope = scopeOf(actor, 'resident.read');
  const revealScope = scopeOf(actor, 'resident.reveal');
  const minorScope = scopeOf(actor, 'resident.read-minor');
  const today = new Date();
  const todayIso = isoDay(today);

  const conditions: SQL[] = [scopeCondition(scope, sql.raw('r.place_path')), scopeCondition(readScope, sql.raw('r.place_path'))];
  if (query.placeId) {
    const place = await deps.places.findById(query.placeId);
    if (!place || !scope.paths.some((p) => p.startsWith(place.path) || place.path.startsWith(p))) throw notFound();
    conditions.push(sql`r.place_path LIKE ${`${escapeLike(place.path)}%`}`);
  }
  if (query.q) {
    const { tokens, needsLike } = queryTokens(query.q);
    conditions.push(sql`r.name_tokens @> ARRAY[${sql.join(
      tokens.map((t) => sql`${t}`),
      sql`, `,
    )}]::text[]`);
    if (needsLike) conditions.push(sql`r.name LIKE ${`%${escapeLike(query.q.replace(/\s+/g, ''))}%`}`);
  }
  if (query.idNumber) {
    const indexes = IdType.options.map((t) => cipher.blindIndex(idIndexInput(t, query.idNumber!)));
    conditions.push(sql`r.id_number_index IN (${sql.join(
      indexes.map((i) => sql`${i}`),
      sql`, `,
    )})`);
  }
  if (query.phone) conditions.push(sql`r.phone_index = ${cipher.blindIndex(phoneIndexInput(query.phone))}`);
  if (query.careGroup) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM resident_care_groups g WHERE g.resident_id = r.id AND g.code = ${query.careGroup} AND (g.start_date IS NULL OR g.start_date <= ${todayIso}::date) AND (g.end_date IS NULL OR g.end_date >= ${todayIso}::date))`,
    );
  }
  const range = birthDateRange(query.ageMin, query.ageMax, today);
  if (range.after) conditions.push(sql`r.birth_date > ${range.after}::date`);
  if (range.onOrBefore) conditions.push(sql`r.birth_date <= ${range.onOrBefore}::date`);
  conditions.push(query.status ? sql`r.status = ${query.status}` : sql`r.status <> 'anonymised'`);
  // Children under 14 only where the actor may open their records.
  const adultBorn = birthDateRange(MINOR_AGE, undefined, today).onOrBefore!;
  if (!minorScope.paths.includes('/')) conditions.push(sql`(r.birth_date <= ${adultBorn}::date OR ${scopeCondition(minorScope, sql.raw('r.place_path'))})`);
  const where = sql.join(conditions, sql` AND `);

  const [counted] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM residents r WHERE ${where}`);
  const rows = Number(counted?.n ?? 0);
  if (rows > EXPORT_MAX_ROWS) throw unprocessable('export_too_many_rows', { count: rows, max: EXPORT_MAX_ROWS });
  const mayReveal = revealScope.paths.length > 0;
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  await writeAudit(db, auditContextOf(actor), { action: 'resident.export', entityType: 'resident', after: { filters, rows, revealed: mayReveal } });

  const sort = SORT[query.sort];
  const desc = query.order === 'desc';
  const fetchPage = (after: readonly [string, string] | undefined) =>
    queryRows<ExportRow>(
      db,
      sql`SELECT r.id, r.name, r.gender, r.birth_date::text AS birth_date, r.id_type, r.id_number_enc, r.id_number_masked, r.phone_enc, r.phone_masked,
            r.relation_to_head, r.residence_type, r.occupation, r.employer, r.notes, r.place_path, p.code AS household_code, p.name AS household_name,
            ${sort.key} AS sort_key
          FROM residents r LEFT JOIN places p ON p.id = r.household_id
          WHERE ${where}${after ? sql` AND (${sort.column}, r.id) ${desc ? sql`<` : sql`>`} (${after[0]}${sort.cast}, ${after[1]}::uuid)` : sql``}
          ORDER BY ${sort.column} ${desc ? sql`DESC` : sql`ASC`}, r.id ${desc ? sql`DESC` : sql`ASC`}
          LIMIT ${chunkSize}`,
    );

  const writer = createSheetWriter({
    sheetName: SHEET_NAME,
    freezeHeader: true,
    textCells: true,
    columns: [...COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width })), ...EXPORT_EXTRA_HEADERS.map((header) => ({ header, width: 22 }))],
  });

  const reveal = (path: string) => mayReveal && inScope(revealScope, path);
  /** A page with the full ID numbers and phones of the rows the actor may reveal (decrypted off the main thread). */
  const withFullValues = async (batch: ExportRow[]) => {
    if (!mayReveal) return { batch, full: undefined };
    const shown = batch.map((r) => reveal(r.place_path));
    const plain = await cipher.decryptMany([...batch.map((r, i) => (shown[i] ? r.id_number_enc : null)), ...batch.map((r, i) => (shown[i] ? r.phone_enc : null))]);
    return { batch, full: { shown, idNumbers: plain.slice(0, batch.length), phones: plain.slice(batch.length) } };
  };
  type Page = Awaited<ReturnType<typeof withFullValues>>;
  const cells = (page: Page, i: number) => {
    const r = page.batch[i]!;
    const full = page.full?.shown[i] ? page.full : undefined;
    return [
      r.name,
      ID_TYPE_LABELS[r.id_type],
      full ? full.idNumbers[i] : r.id_number_masked,
      GENDER_LABELS[r.gender],
      r.birth_date,
      r.household_code ?? '',
      r.relation_to_head ? RELATION_LABELS[r.relation_to_head] : null,
      RESIDENCE_LABELS[r.residence_type],
      full ? full.phones[i] : r.phone_masked,
      r.occupation,
      r.employer,
      r.notes,
      r.household_name,
    ];
  };

  // Pages are fetched back to back (each page's last key names the next) and each goes to the
  // decrypt worker as soon as it arrives; up to PAGES_AHEAD wait for the writer, so the database,
  // the worker and the writer all keep busy while memory stays bounded.
  const ahead: Promise<Page>[] = [];
  let wakeReader: (() => void) | undefined;
  let wakeWriter: (() => void) | undefined;
  let stopped = false;
  const wake = (waker: (() => void) | undefined) => waker?.();
  void (async () => {
    let after: readonly [string, string] | undefined;
    for (;;) {
      while (ahead.length >= PAGES_AHEAD && !stopped) await new Promise<void>((resolve) => (wakeReader = resolve));
      if (stopped) return;
      const fetched = fetchPage(after);
      const page = fetched.then(withFullValues);
      // Failures are handled where the writer awaits the page.
      page.catch(() => undefined);
      ahead.push(page);
      wake(wakeWriter);
      const batch = await fetched.catch(() => undefined);
      const last = batch?.[batch.length - 1];
      if (!batch || batch.length < chunkSize || !last) return;
      after = [last.sort_key, last.id];
    }
  })();

  void (async () => {
    try {
      for (;;) {
        while (ahead.length === 0) await new Promise<void>((resolve) => (wakeWriter = resolve));
        const page = await ahead[0]!;
        ahead.shift();
        wake(wakeReader);
        for (let i = 0; i < page.batch.length; i++) await writer.addRow(cells(page, i));
        if (page.batch.length < chunkSize) break;
      }
      await writer.end();
    } catch (error) {
      writer.fail(error instanceof Error ? error : new Error(String(error)));
    } finally {
      stopped = true;
      wake(wakeReader);
    }
  })();

  const stamp = todayIso.replace(/-/g, '');
  return { stream: writer.stream, fileName: `居民台账-${stamp}.xlsx`, rows };
}
