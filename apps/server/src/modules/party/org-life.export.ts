import type { z } from 'zod';
import { ORG_LIFE_SESSION_STATUS_LABELS, ORG_LIFE_SESSION_TYPE_LABELS, type OrgLifeExportQuery, type OrgLifeSession } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { auditContextOf, requirePermission, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { unprocessable } from '../../platform/errors';
import { loadExcel } from '../residents/residents.exceljs';
import type { OrgLifeService } from './org-life.service';

export const ORG_LIFE_EXPORT_MAX_ROWS = 20_000;
const PAGE_SIZE = 200;
export const ORG_LIFE_SHEET_NAME = '组织生活记录';

const COLUMNS: readonly { readonly header: string; readonly width: number }[] = [
  { header: '开始时间', width: 18 },
  { header: '结束时间', width: 18 },
  { header: '类型', width: 14 },
  { header: '党组织', width: 24 },
  { header: '主题', width: 36 },
  { header: '地点', width: 20 },
  { header: '状态', width: 10 },
  { header: '应到', width: 8 },
  { header: '出席', width: 8 },
  { header: '请假', width: 8 },
  { header: '缺席', width: 8 },
  { header: '补学', width: 8 },
  { header: '出席率', width: 10 },
  { header: '照片', width: 8 },
  { header: '取消原因', width: 20 },
  { header: '会议记录', width: 60 },
];

export const ORG_LIFE_EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

const beijingTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

function cellsOf(s: OrgLifeSession): (string | number)[] {
  return [
    beijingTime.format(new Date(s.startsAt)),
    beijingTime.format(new Date(s.endsAt)),
    ORG_LIFE_SESSION_TYPE_LABELS[s.type]['zh-CN'],
    s.orgName,
    s.title,
    s.location ?? '',
    ORG_LIFE_SESSION_STATUS_LABELS[s.status]['zh-CN'],
    s.attendeeCount,
    s.presentCount,
    s.excusedCount,
    s.absentCount,
    s.makeUpCount,
    s.status === 'held' && s.attendeeCount > 0 ? `${Math.round((s.presentCount / s.attendeeCount) * 100)}%` : '',
    s.photoCount,
    s.cancelReason ?? '',
    s.minutes ?? '',
  ];
}

/**
 * 组织生活记录 as xlsx: exactly the sessions the list gives for the same filters (the list itself is
 * paged through, so scope and filters cannot drift), with attendance counts; audited.
 */
export function createOrgLifeExport({ db, orgLife }: { db: Db; orgLife: OrgLifeService }) {
  return async function exportSessions(actor: Actor, filters: z.output<typeof OrgLifeExportQuery>): Promise<{ data: Buffer; fileName: string; rows: number }> {
    requirePermission(actor, 'org-life.read');
    const rows: (string | number)[][] = [];
    let cursor: string | undefined;
    do {
      const page = await orgLife.list(actor, { ...filters, limit: PAGE_SIZE, cursor });
      if (rows.length + page.items.length > ORG_LIFE_EXPORT_MAX_ROWS) throw unprocessable('export_too_many_rows', { count: `>${ORG_LIFE_EXPORT_MAX_ROWS}`, max: ORG_LIFE_EXPORT_MAX_ROWS });
      for (const item of page.items) rows.push(cellsOf(item));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await writeAudit(db, auditContextOf(actor), { action: 'org-life-session.export', entityType: 'org-life-session', after: { filters, rows: rows.length } });
    const workbook = new (await loadExcel()).Workbook();
    const sheet = workbook.addWorksheet(ORG_LIFE_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    for (const cells of rows) sheet.addRow(cells);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    return { data, fileName: `${ORG_LIFE_SHEET_NAME}.xlsx`, rows: rows.length };
  };
}

export type OrgLifeExport = ReturnType<typeof createOrgLifeExport>;
