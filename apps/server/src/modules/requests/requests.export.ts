import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type { z } from 'zod';
import { CHANNEL_LABELS, REQUEST_STATUS_LABELS, TRIAGE_LABELS, URGENCY_LABELS, type RequestListQuery, type ServiceRequestSummary } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { auditContextOf, requirePermission, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { unprocessable } from '../../platform/errors';
// The lazy loader is shared so exceljs is loaded (and cached) once for every export and import.
import { loadExcel } from '../residents/residents.exceljs';
import type { RequestsService } from './requests.service';

/** The list filters without paging: the export pages through the list itself. */
export type RequestExportQuery = Omit<z.output<typeof RequestListQuery>, 'cursor' | 'limit'>;

export const REQUEST_EXPORT_MAX_ROWS = 50_000;
/** The largest page the list accepts. */
const PAGE_SIZE = 200;
const SHEET_NAME = '诉求台账';

const COLUMNS: readonly { readonly header: string; readonly width: number }[] = [
  { header: '编号', width: 14 },
  { header: '登记时间', width: 18 },
  { header: '类别', width: 16 },
  { header: '三事分流', width: 10 },
  { header: '状态', width: 10 },
  { header: '紧急程度', width: 10 },
  { header: '来源渠道', width: 16 },
  { header: '所在网格', width: 18 },
  { header: '诉求内容', width: 60 },
  { header: '责任人/单位', width: 20 },
  { header: '办结时限', width: 18 },
  { header: '是否超期', width: 10 },
];

export const REQUEST_EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

export interface RequestsExportDeps {
  /** Only for the audit row: the rows themselves come from the requests service. */
  readonly db: Db;
  readonly requests: RequestsService;
  /** Overridable so a test can reach the cap without 50,000 requests. */
  readonly maxRows?: number;
}

export interface RequestsExportResult {
  readonly stream: Readable;
  readonly fileName: string;
  readonly rows: number;
}

// The sheet is read in China: times in Beijing time, not the server's zone. sv-SE formats as YYYY-MM-DD HH:mm.
const beijingTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const formatTime = (iso: string | null) => (iso ? beijingTime.format(new Date(iso)) : '');

function cellsOf(r: ServiceRequestSummary): string[] {
  const owner = r.owner ? [r.owner.name, r.owner.unit].filter((v): v is string => Boolean(v)).join(' / ') : '';
  return [
    r.reference,
    formatTime(r.createdAt),
    r.categoryName,
    TRIAGE_LABELS[r.triage]['zh-CN'],
    REQUEST_STATUS_LABELS[r.status]['zh-CN'],
    URGENCY_LABELS[r.urgency]['zh-CN'],
    CHANNEL_LABELS[r.channel]['zh-CN'],
    r.placeName,
    r.description,
    owner,
    formatTime(r.deadline),
    r.dueState === 'overdue' ? '是' : '否',
  ];
}

export type RequestsExport = ReturnType<typeof createRequestsExport>;

export function createRequestsExport({ db, requests, maxRows = REQUEST_EXPORT_MAX_ROWS }: RequestsExportDeps) {
  return {
    /**
     * The register as xlsx, with exactly the rows `GET /requests` would page through for the same
     * filters: the list itself is called, so data scope and filters cannot drift from it.
     *
     * All pages are read before the first byte is sent, so a too-large export is still a clean 422
     * (not a truncated file) and the audit row records the real row count. Only the cell strings are
     * kept, and at most `maxRows` of them.
     */
    async exportRequests(actor: Actor, filters: RequestExportQuery): Promise<RequestsExportResult> {
      // `mine=reported` lets the list skip request.read; the register export never does.
      requirePermission(actor, 'request.read');
      const rows: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await requests.list(actor, { ...filters, limit: PAGE_SIZE, cursor });
        if (rows.length + page.items.length > maxRows) throw unprocessable('export_too_many_rows', { count: `>${maxRows}`, max: maxRows });
        for (const item of page.items) rows.push(cellsOf(item));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);

      await writeAudit(db, auditContextOf(actor), { action: 'request.export', entityType: 'request', after: { filters, rows: rows.length } });

      const output = new PassThrough({ highWaterMark: 1024 * 1024 });
      const writer = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
      const sheet = writer.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
      // Text format, so references and times are not turned into numbers or dates by Excel.
      sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width, style: { numFmt: '@' } }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();

      // Written in the background while the response is read; a failure ends the download with an error.
      void (async () => {
        try {
          for (const cells of rows) {
            sheet.addRow(cells).commit();
            if (output.writableNeedDrain) await once(output, 'drain');
          }
          sheet.commit();
          await writer.commit();
        } catch (error) {
          output.destroy(error instanceof Error ? error : new Error(String(error)));
        }
      })();

      return { stream: output, fileName: `${SHEET_NAME}.xlsx`, rows: rows.length };
    },
  };
}
