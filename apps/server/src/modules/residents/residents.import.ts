import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { formatMessage, type ImportJob, type ImportMode } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { auditContextOf, inScope, requirePermission, scopeOf, type Actor, type Scope } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import type { DataCipher } from '../../platform/crypto';
import { AppError, badRequest, notFound, unprocessable } from '../../platform/errors';
import type { PlacesService } from '../places/places.service';
import { existingByIdIndexes, householdsByCodes, upsertResidents, type BulkRow, type ExistingResident, type HouseholdRef } from './residents.bulk';
import {
  IMPORT_MAX_ROWS,
  buildTemplate,
  headerOf,
  isBlankRow,
  layoutReason,
  mapHeader,
  parseRow,
  type ColumnKey,
  type HeaderMap,
  type ParsedRow,
  type RowProblem,
} from './residents.excel';
import { exportResidents, type ExportRequest } from './residents.export';
import { inspectXlsx, rowsOfRange } from '../../platform/xlsx/inspect';
import { readSheetRows, type SheetRow } from '../../platform/xlsx/sheet-reader';
import { openWorkbook } from '../../platform/xlsx/workbook-file';
import { columnLetter } from '../../platform/xlsx/xml';
import { createSheetWriter } from '../../platform/xlsx/sheet-writer';
import { idIndexInput } from './residents.rules';
import { residentImportErrors, residentImports } from './residents.tables';
import { createWriteLanes } from './residents.import-lanes';

export interface ResidentsExcelDeps {
  readonly db: Db;
  readonly cipher: DataCipher;
  readonly places: PlacesService;
  /** Rows per upsert statement. */
  readonly batchSize?: number;
  /** Batches written at once in skip-invalid mode, each on its own connection (a pool). */
  readonly writeLanes?: number;
  readonly maxRows?: number;
}

export interface UploadedFile {
  /** A temporary file the service now owns (it is deleted when the job ends). */
  readonly path: string;
  readonly fileName: string;
}

/** Where the data sheet is and what its header says. */
interface SheetLayout {
  readonly sheetName: string;
  readonly headerRow: number;
  readonly header: HeaderMap;
  readonly merges: readonly string[];
  /** `<row>` elements of the sheet, blank ones included. */
  readonly rowTags: number;
}

/** Rows of one sheet, streamed; the workbook is closed when the caller stops reading. */
async function* sheetRows(filePath: string, sheetName: string): AsyncGenerator<SheetRow> {
  const workbook = openWorkbook(filePath);
  if (!workbook) throw badRequest('import_not_xlsx');
  try {
    yield* readSheetRows(workbook, sheetName);
  } finally {
    workbook.close();
  }
}

/**
 * Finds the data sheet (the first sheet whose header row, within its first five rows, names the
 * required columns) and checks that data rows follow. Stops reading at the first data row.
 */
async function locateSheet(filePath: string, merges: ReadonlyMap<string, readonly string[]>, rowTags: ReadonlyMap<string, number>): Promise<SheetLayout> {
  const workbook = openWorkbook(filePath);
  if (!workbook) throw badRequest('import_not_xlsx');
  let problem: { missing: string[]; duplicated: string[] } | undefined;
  try {
    for (const { name: sheetName } of workbook.sheets) {
      let found: Omit<SheetLayout, 'merges' | 'rowTags'> | undefined;
      let seen = 0;
      for await (const row of readSheetRows(workbook, sheetName)) {
        const { values } = row;
        if (found) {
          if (row.number > found.headerRow && !isBlankRow(values)) return { ...found, merges: merges.get(found.sheetName) ?? [], rowTags: rowTags.get(found.sheetName) ?? Number.MAX_SAFE_INTEGER };
          continue;
        }
        if (seen >= 5 || isBlankRow(values)) continue;
        seen++;
        const mapped = mapHeader(values);
        if ('map' in mapped) found = { sheetName, headerRow: row.number, header: mapped.map };
        else if (!problem || mapped.missing.length < problem.missing.length) problem = mapped;
      }
      if (found) throw unprocessable('import_no_rows');
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw badRequest('import_not_xlsx');
  } finally {
    workbook.close();
  }
  throw unprocessable('import_bad_layout', { reason: problem ? layoutReason(problem) : '找不到列名行（应包含“姓名”“证件号码”“住户编码”等列）' });
}


function toJob(row: typeof residentImports.$inferSelect): ImportJob {
  return {
    id: row.id,
    status: row.status,
    mode: row.mode,
    fileName: row.fileName,
    processed: row.processed,
    total: row.total,
    created: row.created,
    updated: row.updated,
    failed: row.failed,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Per-phase timings of an import, printed when GRIDWORK_IMPORT_TIMING is set (benchmarks). */
function logTiming(rows: number, timing: { parse: number; check: number; write: number }) {
  if (!process.env.GRIDWORK_IMPORT_TIMING) return;
  const us = (ms: number) => `${((ms * 1000) / Math.max(rows, 1)).toFixed(0)} µs/row (${(ms / 1000).toFixed(1)} s)`;
  console.log(`  import phases (wall time): read+parse ${us(timing.parse)} (sealing of the batch in flight runs meanwhile), check ${us(timing.check)}, waiting for writes ${us(timing.write)}`);
}

/** Thrown inside a job to end it as failed with a message for the user. */
class JobFailure extends Error {}

export function createResidentsExcelService(deps: ResidentsExcelDeps) {
  const { db, cipher } = deps;
  const batchSize = deps.batchSize ?? 1000;
  const writeLanes = deps.writeLanes ?? 2;
  const maxRows = deps.maxRows ?? IMPORT_MAX_ROWS;
  let queue: Promise<void> = Promise.resolve();

  const setJobOn = (exec: Db, id: string, changes: Partial<typeof residentImports.$inferInsert>) => exec.update(residentImports).set(changes).where(eq(residentImports.id, id));
  const setJob = (id: string, changes: Partial<typeof residentImports.$inferInsert>) => setJobOn(db, id, changes);

  async function ownJob(actor: Actor, id: string) {
    const [row] = await db
      .select()
      .from(residentImports)
      .where(and(eq(residentImports.id, id), eq(residentImports.actorId, actor.userId)));
    if (!row) throw notFound();
    return row;
  }

  /** With a pool, progress can be written on another connection while a transaction is open. */
  const separateConnections = typeof (db as unknown as { $client?: { totalCount?: unknown } }).$client?.totalCount === 'number';

  /**
   * One pass over the sheet: rows are checked in chunks — fields, household codes and scope, ID
   * numbers repeated in the file, records outside the scope, merged cells — and each chunk's good
   * rows are written at once. Skip-invalid writes each chunk in its own transaction;
   * all-or-nothing writes every chunk inside one transaction that is rolled back at the first bad
   * row (checking then goes on without writing, so the error report is complete).
   */
  async function run(jobId: string, actor: Actor, file: UploadedFile, layout: SheetLayout, mode: ImportMode): Promise<void> {
    const today = new Date();
    const scope: Scope = scopeOf(actor, 'resident.write');
    const households = new Map<string, HouseholdRef | null>();
    /** Households whose own row an earlier batch of this import has written. */
    const householdRowsExist = new Set<string>();
    const bad = new Set<number>();
    let pendingErrors: (typeof residentImportErrors.$inferInsert)[] = [];
    let total = 0;
    const timing = { parse: 0, check: 0, write: 0 };

    const flushErrors = async (exec: Db) => {
      if (pendingErrors.length === 0) return;
      const rows = pendingErrors;
      pendingErrors = [];
      for (let i = 0; i < rows.length; i += 2000) await exec.insert(residentImportErrors).values(rows.slice(i, i + 2000));
    };
    const report = (rowNumber: number, problems: readonly RowProblem[]) => {
      bad.add(rowNumber);
      for (const p of problems) pendingErrors.push({ importId: jobId, rowNumber, column: p.column, reason: p.reason });
    };

    // Merged cells: the streaming reader does not see them, so every row they touch is refused.
    const headerLetters = new Map<string, string>();
    for (const [key, index] of layout.header) headerLetters.set(columnLetter(index), headerOf(key));
    const merged = new Map<number, string>();
    for (const range of layout.merges) {
      const { first, last, firstColumn } = rowsOfRange(range);
      if (first <= layout.headerRow && last >= layout.headerRow) throw new JobFailure(formatMessage('import_bad_layout', 'zh-CN', { reason: `列名行含合并单元格 ${range}` }));
      for (let r = Math.max(first, layout.headerRow + 1); r <= last; r++) merged.set(r, `${headerLetters.get(firstColumn) ?? firstColumn + ' 列'}|${range}`);
    }

    const idIndexOf = (row: ParsedRow) => cipher.blindIndex(idIndexInput(row.identity.idType, row.identity.idNumber));

    /** First row of each ID number (by index) in the file. */
    const seen = new Map<string, number>();
    /**
     * Household codes (cached), scope, repeated ID numbers and out-of-scope records of one chunk.
     * Returns the chunk's good rows and the records they update (for the move history).
     */
    const checkChunk = async (exec: Db, chunk: readonly { number: number; row: ParsedRow }[]) => {
      const good: BulkRow[] = [];
      const known = new Map<string, ExistingResident>();
      if (chunk.length === 0) return { good, known };
      const unknownCodes = [...new Set(chunk.map((c) => c.row.householdCode).filter((code) => !households.has(code)))];
      if (unknownCodes.length > 0) {
        const found = await householdsByCodes(exec, unknownCodes);
        for (const code of unknownCodes) households.set(code, found.get(code) ?? null);
      }
      const indexes = chunk.map((c) => idIndexOf(c.row));
      const existing = await existingByIdIndexes(exec, indexes);
      chunk.forEach(({ number, row }, i) => {
        const problems: RowProblem[] = [];
        const household = households.get(row.householdCode);
        if (!household) problems.push({ column: headerOf('householdCode'), reason: `住户编码“${row.householdCode}”不存在` });
        else if (!inScope(scope, household.path)) problems.push({ column: headerOf('householdCode'), reason: `住户“${row.householdCode}”不在您的管辖范围内` });
        const index = indexes[i]!;
        const first = seen.get(index);
        if (first !== undefined) problems.push({ column: headerOf('idNumber'), reason: `与第 ${first} 行的证件号码重复` });
        else seen.set(index, number);
        const record = existing.get(index);
        if (record) known.set(index, record);
        if (record && !inScope(scope, record.placePath)) problems.push({ column: headerOf('idNumber'), reason: '该证件号码已登记在您管辖范围以外的居民档案中，不能通过导入修改' });
        if (problems.length > 0) report(number, problems);
        else good.push({ row, household: household!, idNumberIndex: index });
      });
      return { good, known };
    };

    const present = new Set<ColumnKey>(layout.header.keys());
    const auditActor = { id: actor.userId, name: actor.username };
    let created = 0;
    let updated = 0;
    let processed = 0;

    /** Checked chunks of the sheet, in order; `passed` counts the sheet rows each one covers. */
    async function* chunks(): AsyncGenerator<{ rows: { number: number; row: ParsedRow }[]; passed: number }> {
      let chunk: { number: number; row: ParsedRow }[] = [];
      let passed = 0;
      let mark = performance.now();
      for await (const { number, values } of sheetRows(file.path, layout.sheetName)) {
        if (number <= layout.headerRow) continue;
        const mergedHere = merged.get(number);
        if (isBlankRow(values) && !mergedHere) continue;
        total++;
        passed++;
        if (total > maxRows) throw new JobFailure(formatMessage('import_too_many_rows', 'zh-CN', { max: maxRows.toLocaleString('en-US') }));
        if (mergedHere) {
          const [column, range] = mergedHere.split('|') as [string, string];
          report(number, [{ column, reason: `含合并单元格 ${range}，请取消合并并逐行填写` }]);
          continue;
        }
        const parsed = parseRow(values, layout.header, today);
        if ('problems' in parsed) report(number, parsed.problems);
        else chunk.push({ number, row: parsed.row });
        if (chunk.length >= batchSize) {
          timing.parse += performance.now() - mark;
          yield { rows: chunk, passed };
          mark = performance.now();
          chunk = [];
          passed = 0;
        }
      }
      timing.parse += performance.now() - mark;
      if (chunk.length > 0 || passed > 0) yield { rows: chunk, passed };
    }

    const progress = (exec: Db) => setJobOn(exec, jobId, { total: Math.max(total, estimate), processed, created, updated, failed: bad.size });

    // Too many rows are refused before anything is written. The count of `<row>` tags bounds the
    // data rows from above; only when it is over the limit are the non-blank rows counted exactly.
    let estimate = Math.max(layout.rowTags - 1, 0);
    if (estimate > maxRows) {
      await setJob(jobId, { status: 'running', message: '正在校验' });
      let rowsInSheet = 0;
      for await (const { number, values } of sheetRows(file.path, layout.sheetName)) {
        if (number <= layout.headerRow || (isBlankRow(values) && !merged.has(number))) continue;
        if (++rowsInSheet > maxRows) throw new JobFailure(formatMessage('import_too_many_rows', 'zh-CN', { max: maxRows.toLocaleString('en-US') }));
      }
      estimate = rowsInSheet;
    }
    await setJob(jobId, { status: 'running', message: '正在导入', total: estimate });
    const source = chunks();
    // Skip-invalid writes several batches at once on a pool; all-or-nothing has one transaction and
    // the embedded database one connection, so one lane.
    const lanes = createWriteLanes(mode === 'skip-invalid' && separateConnections ? writeLanes : 1);
    const headsOf = (good: readonly BulkRow[]) => new Set(good.filter((g) => g.row.relationToHead === 'head').map((g) => g.household.placeId));
    const startWrite = async (heads: ReadonlySet<string>, write: () => Promise<void>) => {
      const mark = performance.now();
      await lanes.start(heads, write);
      timing.write += performance.now() - mark;
    };
    /** The check and write start of the chunk before the one being read (skip-invalid). */
    let previous: Promise<void> = Promise.resolve();
    try {
      if (mode === 'skip-invalid') {
        /**
         * A chunk's checks (two lookups) and the start of its write run while the next chunk is
         * read, so that this thread parses while the database answers. One chunk at a time is
         * checked, in sheet order, as the duplicate check needs.
         */
        for await (const { rows, passed } of source) {
          await previous;
          previous = (async () => {
            const mark = performance.now();
            const { good, known } = await checkChunk(db, rows);
            await flushErrors(db);
            timing.check += performance.now() - mark;
            await startWrite(headsOf(good), async () => {
              if (good.length > 0) {
                const result = await upsertResidents(db, cipher, good, present, auditActor, known, householdRowsExist);
                for (const g of good) householdRowsExist.add(g.household.placeId);
                created += result.created;
                updated += result.updated;
              }
              processed += passed;
              await progress(db);
            });
          })();
          // Handled when awaited; until then a failure must not count as unhandled.
          previous.catch(() => undefined);
        }
        await previous;
        const mark = performance.now();
        await lanes.drain();
        timing.write += performance.now() - mark;
      } else {
        // All-or-nothing: write inside one transaction until the first bad row, then roll back.
        const rollback = new Error('rollback');
        await db
          .transaction(async (tx) => {
            try {
              for (;;) {
                const next = await source.next();
                if (next.done) break;
                const { rows, passed } = next.value;
                const mark = performance.now();
                const { good, known } = await checkChunk(tx, rows);
                timing.check += performance.now() - mark;
                if (bad.size > 0) break;
                await startWrite(new Set(), async () => {
                  const result = await upsertResidents(tx, cipher, good, present, auditActor, known, householdRowsExist);
                  for (const g of good) householdRowsExist.add(g.household.placeId);
                  created += result.created;
                  updated += result.updated;
                  processed += passed;
                  if (separateConnections) await progress(db);
                });
              }
            } finally {
              await lanes.settle();
            }
            await lanes.drain();
            if (bad.size > 0) throw rollback;
          })
          .catch((error: unknown) => {
            if (error !== rollback) throw error;
          });
      if (bad.size > 0) {
        // Nothing was written: check the rest of the sheet for the error report.
        created = 0;
        updated = 0;
        await flushErrors(db);
        for await (const { rows, passed } of source) {
          await checkChunk(db, rows);
          processed += passed;
          await flushErrors(db);
          await progress(db);
        }
        await finish(jobId, actor, { status: 'failed', processed: total, total, created: 0, updated: 0, failed: bad.size, message: formatMessage('import_rows_failed', 'zh-CN', { count: bad.size }) }, file);
        logTiming(total, timing);
        return;
      }
      }
    } finally {
      // When reading fails, the chunk already read must not start its write after the job ended.
      await previous.catch(() => undefined);
      await lanes.settle();
      await source.return(undefined);
    }
    await finish(jobId, actor, { status: 'done', processed: total, total, created, updated, failed: bad.size, message: null }, file);
    logTiming(total, timing);
  }

  async function finish(jobId: string, actor: Actor, result: { status: 'done' | 'failed'; processed: number; total: number; created: number; updated: number; failed: number; message: string | null }, file: UploadedFile) {
    await db.transaction(async (tx) => {
      await tx
        .update(residentImports)
        .set({ ...result, finishedAt: new Date() })
        .where(eq(residentImports.id, jobId));
      await writeAudit(tx, auditContextOf(actor), { action: 'resident.import.finish', entityType: 'resident_import', entityId: jobId, after: { fileName: file.fileName, ...result } });
    });
  }

  async function runSafely(jobId: string, actor: Actor, file: UploadedFile, layout: SheetLayout, mode: ImportMode) {
    try {
      await run(jobId, actor, file, layout, mode);
    } catch (error) {
      const message = error instanceof JobFailure ? error.message : formatMessage('import_failed', 'zh-CN', { reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
      const [job] = await db.select().from(residentImports).where(eq(residentImports.id, jobId));
      await finish(jobId, actor, { status: 'failed', processed: job?.processed ?? 0, total: job?.total ?? 0, created: job?.created ?? 0, updated: job?.updated ?? 0, failed: job?.failed ?? 0, message }, file).catch(() => undefined);
    } finally {
      fs.rmSync(file.path, { force: true });
    }
  }

  return {
    template: buildTemplate,

    /**
     * Checks the upload (an xlsx workbook, a recognisable header, data rows), records the job and
     * queues it; jobs of one process run one after another. Answers with the job id at once.
     */
    async startImport(actor: Actor, file: UploadedFile, mode: ImportMode): Promise<{ id: string }> {
      try {
        requirePermission(actor, 'resident.import');
        if (fs.statSync(file.path).size === 0) throw badRequest('import_empty');
        const shape = await inspectXlsx(file.path);
        if (!shape) throw badRequest('import_not_xlsx');
        const layout = await locateSheet(file.path, shape.merges, shape.rowTags);
        const [job] = await db.transaction(async (tx) => {
          const inserted = await tx.insert(residentImports).values({ mode, fileName: file.fileName.slice(0, 200), actorId: actor.userId, status: 'queued' }).returning();
          await writeAudit(tx, auditContextOf(actor), { action: 'resident.import.start', entityType: 'resident_import', entityId: inserted[0]!.id, after: { fileName: file.fileName, mode } });
          return inserted;
        });
        const id = job!.id;
        queue = queue.then(() => runSafely(id, actor, file, layout, mode));
        return { id };
      } catch (error) {
        fs.rmSync(file.path, { force: true });
        throw error;
      }
    },

    async getJob(actor: Actor, id: string): Promise<ImportJob> {
      return toJob(await ownJob(actor, id));
    },

    /** The per-row error report as an xlsx stream: row number, column, reason. */
    async errorsWorkbook(actor: Actor, id: string): Promise<Readable> {
      const job = await ownJob(actor, id);
      const writer = createSheetWriter({
        sheetName: '错误报告',
        freezeHeader: true,
        columns: [
          { header: '行号', width: 8 },
          { header: '列', width: 14 },
          { header: '原因', width: 80 },
        ],
      });
      void (async () => {
        try {
          let after = 0;
          for (;;) {
            const rows = await db
              .select()
              .from(residentImportErrors)
              .where(and(eq(residentImportErrors.importId, job.id), sql`${residentImportErrors.id} > ${after}`))
              .orderBy(asc(residentImportErrors.id))
              .limit(5000);
            const sorted = [...rows].sort((a, b) => a.rowNumber - b.rowNumber || a.id - b.id);
            for (const r of sorted) await writer.addRow([r.rowNumber, r.column, r.reason]);
            if (rows.length < 5000) break;
            after = rows[rows.length - 1]!.id;
          }
          await writer.end();
        } catch (error) {
          writer.fail(error instanceof Error ? error : new Error(String(error)));
        }
      })();
      return writer.stream;
    },

    exportResidents: (actor: Actor, request: ExportRequest) => exportResidents({ db, cipher, places: deps.places }, actor, request),

    /** Resolves when every queued job has ended (tests and benchmarks wait on it). */
    whenIdle: () => queue,
  };
}

export type ResidentsExcelService = ReturnType<typeof createResidentsExcelService>;

/**
 * On start: jobs left `queued` or `running` by a process that ended (a restart, a crash) are
 * marked failed, so none stays "running" for ever. Re-importing the file is safe: duplicates update.
 * With several app instances, pass `startedBefore` (e.g. an hour ago) so that other instances'
 * live jobs are left alone. Returns how many jobs were marked.
 */
export async function failInterruptedImports(db: Db, options: { startedBefore?: Date } = {}): Promise<number> {
  const before = options.startedBefore ?? new Date();
  const rows = await db
    .update(residentImports)
    .set({ status: 'failed', message: formatMessage('import_interrupted', 'zh-CN'), finishedAt: new Date() })
    .where(and(inArray(residentImports.status, ['queued', 'running']), lt(residentImports.createdAt, before)))
    .returning({ id: residentImports.id });
  return rows.length;
}

