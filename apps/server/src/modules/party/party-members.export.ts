import { MEMBER_POSITION_LABELS, MEMBER_STATUS_LABELS, MEMBER_TYPE_LABELS, type PartyMember } from '@gridwork/contracts';
import type { Db } from '../../db/client';
import { auditContextOf, requirePermission, type Actor } from '../../platform/access';
import { writeAudit } from '../../platform/audit/audit.service';
import { unprocessable } from '../../platform/errors';
// Shared lazy loader: exceljs is loaded once, and only when someone exports.
import { loadExcel } from '../residents/residents.exceljs';
import type { MemberFilters } from './party-members.service';

/** The register list (`GET /party-members`), which the export pages through. */
export type ListMembers = (actor: Actor, query: MemberFilters & { limit: number; cursor?: string }) => Promise<{ items: PartyMember[]; nextCursor: string | null; total: number }>;

export const MEMBER_EXPORT_MAX_ROWS = 20_000;
/** The largest page the list accepts. */
const PAGE_SIZE = 200;
const SHEET_NAME = '党员名册';

const COLUMNS: readonly { readonly header: string; readonly width: number; readonly cell: (m: PartyMember) => string | number }[] = [
  { header: '姓名', width: 10, cell: (m) => m.name },
  { header: '性别', width: 6, cell: (m) => (m.gender === 'male' ? '男' : m.gender === 'female' ? '女' : '') },
  { header: '联系电话', width: 14, cell: (m) => m.phone ?? '' },
  { header: '所在党组织', width: 24, cell: (m) => m.orgName ?? (m.homeOrgName ? `（转出）${m.homeOrgName}` : '') },
  { header: '党员类别', width: 10, cell: (m) => MEMBER_STATUS_LABELS[m.status]['zh-CN'] },
  { header: '党员类型', width: 12, cell: (m) => MEMBER_TYPE_LABELS[m.type]['zh-CN'] },
  { header: '党内职务', width: 10, cell: (m) => (m.position ? MEMBER_POSITION_LABELS[m.position]['zh-CN'] : '') },
  { header: '申请入党日期', width: 13, cell: (m) => m.stages.appliedOn ?? '' },
  { header: '确定积极分子日期', width: 15, cell: (m) => m.stages.activistOn ?? '' },
  { header: '确定发展对象日期', width: 15, cell: (m) => m.stages.candidateOn ?? '' },
  { header: '入党日期', width: 12, cell: (m) => m.stages.probationaryOn ?? '' },
  { header: '转正日期', width: 12, cell: (m) => m.stages.fullOn ?? '' },
  { header: '党龄（年）', width: 10, cell: (m) => m.partyYears ?? '' },
  { header: '工作单位', width: 20, cell: (m) => m.employer ?? '' },
  { header: '原党组织', width: 20, cell: (m) => (m.orgName ? (m.homeOrgName ?? '') : '') },
  { header: '外出去向', width: 16, cell: (m) => m.mobileWhereabouts ?? '' },
  { header: '外出联系方式', width: 16, cell: (m) => m.mobileContact ?? '' },
  { header: '所在网格/社区', width: 16, cell: (m) => m.placeName },
];

export const MEMBER_EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/**
 * The register as xlsx, with exactly the rows `GET /party-members` pages through for the same filters
 * (the list itself is called, so scope and filters cannot drift). Phones stay masked. Audited with the
 * filters and the row count.
 */
export async function exportPartyMembers(db: Db, list: ListMembers, actor: Actor, filters: MemberFilters) {
  requirePermission(actor, 'party-member.read');
  const members: PartyMember[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(actor, { ...filters, limit: PAGE_SIZE, cursor });
    if (members.length + page.items.length > MEMBER_EXPORT_MAX_ROWS) throw unprocessable('export_too_many_rows', { count: page.total, max: MEMBER_EXPORT_MAX_ROWS });
    members.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  await writeAudit(db, auditContextOf(actor), { action: 'party-member.export', entityType: 'party-member', after: { filters, rows: members.length } });

  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Text format, so dates and phone masks are not turned into numbers or dates by Excel.
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  for (const member of members) sheet.addRow(COLUMNS.map((c) => c.cell(member)));
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, fileName: `${SHEET_NAME}.xlsx`, rows: members.length };
}
