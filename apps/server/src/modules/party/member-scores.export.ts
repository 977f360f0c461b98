import { SCORE_DIMENSIONS, type MemberScoreRank } from '@gridwork/contracts';
import { loadExcel } from '../residents/residents.exceljs';
import { DIMENSION_LABELS } from './member-scores.rules';

const SHEET_NAME = '党员积分排名';

export const MEMBER_SCORE_EXPORT_HEADERS: readonly string[] = ['排名', '姓名', '所在党组织', ...SCORE_DIMENSIONS.map((d) => DIMENSION_LABELS[d]), '年度总分'];

/** The yearly ranking as an xlsx sheet: one row per member, one column per dimension. */
export async function rankingWorkbook(year: number, lines: readonly MemberScoreRank[]): Promise<{ buffer: Buffer; fileName: string }> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MEMBER_SCORE_EXPORT_HEADERS.map((header, i) => ({ header, width: i === 2 ? 28 : i === 1 ? 12 : 10 }));
  sheet.getRow(1).font = { bold: true };
  for (const line of lines) {
    sheet.addRow([line.rank, line.name, line.orgName ?? '', ...SCORE_DIMENSIONS.map((d) => line.dimensions[d]), line.total]);
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, fileName: `党员积分排名-${year}.xlsx` };
}
