import type ExcelJS from 'exceljs';
import { loadExcel } from './residents.exceljs';
import { Gender, IdType, MobileOrLandline, Relation, ResidenceType } from '@gridwork/contracts';
import type { Identity } from './residents.rules';
import { isRuleProblem, resolveIdentity } from './residents.rules';

/**
 * The residents register as a sheet: column definitions with Chinese headers, the labels of the
 * enumerations, the template (with validation lists), and turning one sheet row into a checked
 * resident or a list of per-cell problems. Shared by the import, the export and the error report.
 */

export const SHEET_NAME = '居民';
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const IMPORT_MAX_BYTES_LABEL = '50 MB';
export const IMPORT_MAX_ROWS = 200_000;
/** One sheet holds 1,048,576 rows; the header takes one. */
export const EXPORT_MAX_ROWS = 1_048_575;

export const GENDER_LABELS: Readonly<Record<Gender, string>> = { male: '男', female: '女' };
export const ID_TYPE_LABELS: Readonly<Record<IdType, string>> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent: '外国人永久居留身份证',
  other: '其他证件',
};
export const RELATION_LABELS: Readonly<Record<Relation, string>> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  daughter_in_law: '儿媳',
  son_in_law: '女婿',
  other: '其他',
};
export const RESIDENCE_LABELS: Readonly<Record<ResidenceType, string>> = { registered: '户籍', permanent: '常住', floating: '流动' };

export type ColumnKey =
  | 'name'
  | 'idType'
  | 'idNumber'
  | 'gender'
  | 'birthDate'
  | 'householdCode'
  | 'relationToHead'
  | 'residenceType'
  | 'phone'
  | 'occupation'
  | 'employer'
  | 'notes';

export interface ColumnDef {
  readonly key: ColumnKey;
  readonly header: string;
  readonly required: boolean;
  readonly width: number;
  /** Values offered by the template's validation list. */
  readonly list?: readonly string[];
  readonly note: string;
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'name', header: '姓名', required: true, width: 12, note: '必填，最多 50 字' },
  { key: 'idType', header: '证件类型', required: false, width: 18, list: Object.values(ID_TYPE_LABELS), note: '默认“居民身份证”' },
  { key: 'idNumber', header: '证件号码', required: true, width: 22, note: '必填；居民身份证须为 18 位且校验码正确。请将本列设为“文本”格式，以免 Excel 改成科学计数法' },
  { key: 'gender', header: '性别', required: false, width: 8, list: Object.values(GENDER_LABELS), note: '居民身份证可不填（由号码推算，填写则须一致）；其他证件必填' },
  { key: 'birthDate', header: '出生日期', required: false, width: 14, note: '格式 1980-01-31；居民身份证可不填（由号码推算，填写则须一致）；其他证件必填' },
  { key: 'householdCode', header: '住户编码', required: true, width: 24, note: '必填，系统中户的编码，如 340406001001-B101-101；须在您的管辖范围内' },
  { key: 'relationToHead', header: '与户主关系', required: false, width: 12, list: Object.values(RELATION_LABELS), note: '可不填' },
  { key: 'residenceType', header: '居住类型', required: false, width: 10, list: Object.values(RESIDENCE_LABELS), note: '户籍 / 常住 / 流动，默认“常住”' },
  { key: 'phone', header: '联系电话', required: false, width: 16, note: '手机 11 位，或座机如 0554-1234567' },
  { key: 'occupation', header: '职业', required: false, width: 14, note: '最多 50 字' },
  { key: 'employer', header: '工作单位', required: false, width: 24, note: '最多 100 字' },
  { key: 'notes', header: '备注', required: false, width: 30, note: '最多 1000 字（健康信息等敏感内容请勿填写在此）' },
];

/** Export-only, ignored on import: helps people read the sheet. */
export const EXPORT_EXTRA_HEADERS = ['所在住户（导入时忽略）'] as const;

const columnOf = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!;
export const headerOf = (key: ColumnKey) => columnOf(key).header;

const normalizeHeader = (text: string) => text.replace(/[\s*＊]/g, '').replace(/[(（]必填[)）]/g, '');

function reverse<K extends string>(labels: Readonly<Record<K, string>>): Map<string, K> {
  const map = new Map<string, K>();
  for (const [code, label] of Object.entries(labels) as [K, string][]) {
    map.set(label, code);
    map.set(code, code);
  }
  return map;
}
const GENDER_BY_LABEL = reverse(GENDER_LABELS);
GENDER_BY_LABEL.set('男性', 'male');
GENDER_BY_LABEL.set('女性', 'female');
const ID_TYPE_BY_LABEL = reverse(ID_TYPE_LABELS);
ID_TYPE_BY_LABEL.set('身份证', 'resident_id');
const RELATION_BY_LABEL = reverse(RELATION_LABELS);
RELATION_BY_LABEL.set('本人', 'head');
const RESIDENCE_BY_LABEL = reverse(RESIDENCE_LABELS);

// ——— the template ———

function listFormula(values: readonly string[]): string {
  return `"${values.join(',')}"`;
}

/** Header row styling and validation lists, shared by the template and the export. */
export function describeColumns(sheet: ExcelJS.Worksheet, extraHeaders: readonly string[] = []): void {
  sheet.columns = [
    ...COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width, style: { numFmt: '@' } })),
    ...extraHeaders.map((h) => ({ header: h, width: 22, style: { numFmt: '@' } })),
  ];
}

/** exceljs has range data validations at run time; its type definitions lack the property. */
type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

export async function buildTemplate(): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = 'Gridwork 网格通';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  describeColumns(sheet);
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, col) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLUMNS[col - 1]?.required ? 'FFFFE7BA' : 'FFE6F4FF' } };
    cell.note = COLUMNS[col - 1]?.note ?? '';
  });
  const lastRow = IMPORT_MAX_ROWS + 1;
  COLUMNS.forEach((c, i) => {
    if (!c.list) return;
    const letter = sheet.getColumn(i + 1).letter;
    (sheet as WithValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [listFormula(c.list)],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: `请从下拉列表中选择：${c.list.join('、')}`,
    });
  });

  const help = workbook.addWorksheet('说明');
  help.columns = [{ header: '列', width: 14 }, { header: '必填', width: 8 }, { header: '说明', width: 90 }];
  help.getRow(1).font = { bold: true };
  for (const c of COLUMNS) help.addRow([c.header, c.required ? '是' : '', c.list ? `${c.note}。可选值：${c.list.join('、')}` : c.note]);
  help.addRow([]);
  for (const line of [
    `1. 在“${SHEET_NAME}”工作表中从第 2 行起每行填写一名居民，不要修改第 1 行的列名，不要合并单元格，不要使用公式。`,
    '2. 证件号码相同的居民视为同一人：已登记的会被更新，不会重复新增。',
    `3. 单个文件最多 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行、${IMPORT_MAX_BYTES_LABEL}；超过请拆分。`,
    '4. 导入方式：“全部成功才导入”——任一行有错则全部不导入；“跳过错误行”——正确的行照常导入，错误行可下载错误报告修改后再次导入。',
    '5. 示例：张三 | 居民身份证 | 11010519491231002X | 女 | 1949-12-31 | 340406001001-B101-101 | 户主 | 户籍 | 13800138000',
  ])
    help.addRow(['', '', line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ——— reading cells ———

export type CellRead = { readonly kind: 'empty' } | { readonly kind: 'text'; readonly text: string } | { readonly kind: 'formula' } | { readonly kind: 'error' } | { readonly kind: 'number'; readonly value: number; readonly text: string } | { readonly kind: 'date'; readonly date: Date };

/** A cell value as exceljs' streaming reader gives it, turned into what the import can judge. */
export function readCell(value: unknown): CellRead {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value.trim() };
  if (typeof value === 'number') return { kind: 'number', value, text: String(value) };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'date', date: value };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return { kind: 'formula' };
    if ('error' in v) return { kind: 'error' };
    if (Array.isArray(v.richText)) {
      const text = (v.richText as { text?: unknown }[]).map((p) => (typeof p.text === 'string' ? p.text : '')).join('').trim();
      return text === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    if (typeof v.text === 'string') return v.text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: v.text.trim() };
  }
  return { kind: 'text', text: String(value as string).trim() };
}

/** Column positions (1-based) of each known header; unknown headers are ignored. */
export type HeaderMap = ReadonlyMap<ColumnKey, number>;

export function mapHeader(values: readonly unknown[]): { map: HeaderMap } | { missing: string[]; duplicated: string[] } {
  const map = new Map<ColumnKey, number>();
  const duplicated: string[] = [];
  values.forEach((value, index) => {
    const cell = readCell(value);
    if (cell.kind !== 'text') return;
    const name = normalizeHeader(cell.text);
    const column = COLUMNS.find((c) => c.header === name);
    if (!column) return;
    if (map.has(column.key)) duplicated.push(column.header);
    else map.set(column.key, index);
  });
  const missing = COLUMNS.filter((c) => c.required && !map.has(c.key)).map((c) => c.header);
  if (missing.length > 0 || duplicated.length > 0) return { missing, duplicated };
  return { map };
}

export function layoutReason(problem: { missing: string[]; duplicated: string[] }): string {
  const parts: string[] = [];
  if (problem.missing.length > 0) parts.push(`第 1 行缺少必填列“${problem.missing.join('”“')}”`);
  if (problem.duplicated.length > 0) parts.push(`列“${problem.duplicated.join('”“')}”出现了多次`);
  return parts.join('；');
}

// ——— one row ———

export interface RowProblem {
  readonly column: string;
  readonly reason: string;
}

/** A checked row, ready to be sealed and written (household resolved later). */
export interface ParsedRow {
  readonly name: string;
  readonly identity: Identity;
  readonly householdCode: string;
  readonly relationToHead: Relation | null;
  readonly residenceType: ResidenceType;
  readonly phone: string | null;
  readonly occupation: string | null;
  readonly employer: string | null;
  readonly notes: string | null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;

function parseDate(cell: CellRead): string | null | undefined {
  if (cell.kind === 'date') {
    // exceljs turns Excel serials into UTC midnights.
    const d = cell.date;
    return Number.isNaN(d.getTime()) ? undefined : isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const text = cell.kind === 'text' || cell.kind === 'number' ? cell.text : '';
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return isoOf(y, mo, d);
}

const DOC_NUMBER = /^[0-9A-Za-z()（）-]{5,32}$/;
const HOUSEHOLD_CODE = /^[0-9A-Za-z-]{1,32}$/;

/**
 * Checks one row. `cells` is indexed by the sheet's column number (1-based, as exceljs gives
 * `row.values`). Returns the row or every problem found in it, each naming its column.
 */
export function parseRow(cells: readonly unknown[], header: HeaderMap, today: Date = new Date()): { row: ParsedRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const read = new Map<ColumnKey, CellRead>();
  for (const c of COLUMNS) {
    const index = header.get(c.key);
    const cell = index === undefined ? ({ kind: 'empty' } as const) : readCell(cells[index]);
    if (cell.kind === 'formula') problems.push({ column: c.header, reason: '单元格含公式，请复制后“选择性粘贴为数值”再导入' });
    else if (cell.kind === 'error') problems.push({ column: c.header, reason: '单元格是错误值（如 #N/A），请更正' });
    read.set(c.key, cell);
  }
  const textOf = (key: ColumnKey): string | null => {
    const cell = read.get(key)!;
    if (cell.kind === 'text' || cell.kind === 'number') return cell.text;
    if (cell.kind === 'date') return parseDate(cell) ?? null;
    return null;
  };
  const lengthCheck = (key: ColumnKey, max: number) => {
    const value = textOf(key);
    if (value !== null && value.length > max) problems.push({ column: headerOf(key), reason: `不能超过 ${max} 个字` });
    return value;
  };
  const enumOf = <K extends string>(key: ColumnKey, labels: Map<string, K>, allowed: Readonly<Record<K, string>>): K | null => {
    const value = textOf(key);
    if (value === null) return null;
    const code = labels.get(value);
    if (code === undefined) problems.push({ column: headerOf(key), reason: `“${value}”不是可选值，应为：${Object.values(allowed).join('、')}` });
    return code ?? null;
  };

  const name = lengthCheck('name', 50);
  if (name === null) problems.push({ column: headerOf('name'), reason: '必填' });

  const idType = enumOf('idType', ID_TYPE_BY_LABEL, ID_TYPE_LABELS) ?? 'resident_id';
  const idCell = read.get('idNumber')!;
  let idNumber: string | null = null;
  if (idCell.kind === 'number') {
    problems.push({ column: headerOf('idNumber'), reason: '证件号码被保存成了数字（可能已丢失末位），请把本列设为“文本”格式后重新填写' });
  } else {
    idNumber = textOf('idNumber');
    if (idNumber === null && idCell.kind !== 'formula' && idCell.kind !== 'error') problems.push({ column: headerOf('idNumber'), reason: '必填' });
    else if (idNumber !== null && !DOC_NUMBER.test(idNumber)) {
      problems.push({ column: headerOf('idNumber'), reason: '只能包含数字、字母、括号和连字符，长度 5–32 位' });
      idNumber = null;
    }
  }

  const gender = enumOf('gender', GENDER_BY_LABEL, GENDER_LABELS);
  const birthCell = read.get('birthDate')!;
  let birthDate: string | undefined;
  if (birthCell.kind !== 'empty' && birthCell.kind !== 'formula' && birthCell.kind !== 'error') {
    const parsed = parseDate(birthCell);
    if (parsed === undefined) problems.push({ column: headerOf('birthDate'), reason: '日期格式应为 1980-01-31' });
    else if (parsed === null) problems.push({ column: headerOf('birthDate'), reason: '不存在的日期' });
    else birthDate = parsed;
  }

  let identity: Identity | undefined;
  if (idNumber !== null) {
    const resolved = resolveIdentity({ idType, idNumber, gender: gender ?? undefined, birthDate }, 'zh-CN', today);
    if (isRuleProblem(resolved)) {
      const column = resolved.field === 'birthDate' ? headerOf('birthDate') : resolved.field === 'gender' ? headerOf('gender') : headerOf('idNumber');
      problems.push({ column, reason: ruleReason(resolved.code, resolved.params) });
    } else identity = resolved;
  }

  const householdCode = textOf('householdCode');
  if (householdCode === null) problems.push({ column: headerOf('householdCode'), reason: '必填' });
  else if (!HOUSEHOLD_CODE.test(householdCode)) problems.push({ column: headerOf('householdCode'), reason: '编码只能包含字母、数字和连字符' });

  const relationToHead = enumOf('relationToHead', RELATION_BY_LABEL, RELATION_LABELS);
  const residenceType = enumOf('residenceType', RESIDENCE_BY_LABEL, RESIDENCE_LABELS) ?? 'permanent';

  let phone = textOf('phone');
  if (phone !== null) {
    phone = phone.replace(/\s+/g, '');
    if (!MobileOrLandline.safeParse(phone).success) {
      problems.push({ column: headerOf('phone'), reason: '格式不正确：手机号为 1 开头的 11 位数字，座机如 0554-1234567' });
      phone = null;
    }
  }
  const occupation = lengthCheck('occupation', 50);
  const employer = lengthCheck('employer', 100);
  const notes = lengthCheck('notes', 1000);

  if (problems.length > 0 || !identity || name === null || householdCode === null) return { problems };
  return { row: { name: name.replace(/\s+/g, ''), identity, householdCode, relationToHead, residenceType, phone, occupation, employer, notes } };
}

function ruleReason(code: string, params: Readonly<Record<string, string>> | undefined): string {
  switch (code) {
    case 'id_number_invalid':
      return `身份证号码无效：${params?.reason ?? ''}`;
    case 'id_number_mismatch':
      return `${params?.field ?? ''}与身份证号码不一致`;
    case 'birth_date_required':
      return '非居民身份证须填写出生日期和性别';
    case 'birth_date_invalid':
      return '出生日期不合理（不能晚于今天或早于 1890 年）';
    default:
      return code;
  }
}

/** True when every cell of the row is blank (sheets often carry formatted empty rows). */
export function isBlankRow(cells: readonly unknown[]): boolean {
  for (const value of cells) if (readCell(value).kind !== 'empty') return false;
  return true;
}
