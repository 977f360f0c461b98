import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectXlsx } from './inspect';
import { isDateFormat, readSheetRows, type CellValue } from './sheet-reader';
import { SharedStrings } from './shared-strings';
import { createSheetWriter, type SheetValue } from './sheet-writer';
import { openWorkbook } from './workbook-file';
import { readXlsxPart } from './zip-entries';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridwork-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = () => path.join(dir, `f${++files}.xlsx`);

async function writeSheet(rows: readonly (readonly SheetValue[])[], options: { textCells?: boolean } = {}): Promise<string> {
  const file = tempFile();
  const writer = createSheetWriter({ sheetName: '居民 & 家庭', freezeHeader: true, textCells: options.textCells, columns: [{ header: '姓名', width: 10 }, { header: '证件号码', width: 22 }, { header: '备注' }] });
  const written = pipeline(writer.stream, fs.createWriteStream(file));
  for (const row of rows) await writer.addRow(row);
  await writer.end();
  await written;
  return file;
}

async function readAll(file: string, sheetName: string): Promise<{ number: number; values: CellValue[] }[]> {
  const workbook = openWorkbook(file);
  if (!workbook) throw new Error('not a workbook');
  try {
    const rows: { number: number; values: CellValue[] }[] = [];
    for await (const row of readSheetRows(workbook, sheetName)) rows.push({ number: row.number, values: [...row.values] });
    return rows;
  } finally {
    workbook.close();
  }
}

// Long runs of Chinese text make inflated chunks end inside multi-byte characters.
const longChinese = (i: number) => `社区网格员走访记录第${i}条：老人独居，需要每周上门看望，家中燃气灶需要检查。`.repeat(3);

describe('sheet writer and reader', () => {
  it('round-trips Chinese text across chunk boundaries, markup characters, spaces and numbers exactly', async () => {
    const rows: SheetValue[][] = [];
    for (let i = 0; i < 3000; i++) rows.push([`王${i}`, `34040619400101${String(i).padStart(4, '0')}`, longChinese(i)]);
    rows.push(['<李> & "张"', ' 前后空格 ', 'a\u0001b\u000bc']);
    rows.push([null, 42, '']);
    const file = await writeSheet(rows);
    const read = await readAll(file, '居民 & 家庭');
    expect(read).toHaveLength(rows.length + 1);
    expect(read[0]!.values.slice(1)).toEqual(['姓名', '证件号码', '备注']);
    for (let i = 0; i < 3000; i++) expect(read[i + 1]!.values.slice(1)).toEqual(rows[i]);
    expect(read[3001]!.values.slice(1)).toEqual(['<李> & "张"', ' 前后空格 ', 'abc']);
    // An empty cell keeps the columns after it in place.
    expect(read[3002]!.values[1]).toBeUndefined();
    expect(read[3002]!.values[2]).toBe(42);
    expect(read[3002]!.number).toBe(3003);
  });

  it('writes a workbook exceljs reads: sheet name, values, frozen bold header, widths and text format', async () => {
    const file = await writeSheet([['赵六', '110101199003074514', null]], { textCells: true });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('居民 & 家庭')!;
    expect(sheet.getRow(2).values).toEqual([undefined, '赵六', '110101199003074514']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(22);
    // Every cell is text by default (the workbook's first cell format), so an ID number edited in Excel stays text.
    expect(readXlsxPart(file, 'xl/styles.xml')).toMatch(/<cellXfs count="2"><xf numFmtId="49"/);
  });

  it('stops the writer with an error when the reader goes away, instead of waiting for ever', async () => {
    const writer = createSheetWriter({ sheetName: '居民', columns: [{ header: '备注' }] });
    writer.stream.destroy();
    const writeMany = async () => {
      for (let i = 0; i < 1_000_000; i++) await writer.addRow([longChinese(i)]);
    };
    await expect(writeMany()).rejects.toThrow('closed');
  });
});

describe('shared-string table', () => {
  it('gives back every text as it was put in, past its first capacity, and nothing for an index it does not have', () => {
    const table = new SharedStrings();
    const texts = Array.from({ length: 20_000 }, (_, i) => [`34040619${String(i).padStart(10, '0')}`, '', '王芳', '𠀋𡈽 emoji 🏠', 'x'.repeat(i % 97)][i % 5]!);
    texts.push('长'.repeat(100_000));
    for (const text of texts) table.push(text);
    expect(table.size).toBe(texts.length);
    expect(texts.every((text, i) => table.at(i) === text)).toBe(true);
    expect([table.at(-1), table.at(texts.length), table.at(1.5), table.at(Number.NaN)]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('sheet reader on workbooks written by other programs', () => {
  it('reads shared strings, rich text, dates in date formats, numbers, booleans, formulas and errors like exceljs does', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['填写说明']);
    const sheet = workbook.addWorksheet('居民');
    sheet.addRow(['姓名', '出生日期', '数字', '布尔', '公式', '错误', '富文本']);
    sheet.addRow(['王芳', new Date(Date.UTC(1985, 4, 20)), 3.5, true, { formula: 'C2*2', result: 7 }, { error: '#N/A' }, { richText: [{ text: '红色', font: { bold: true } }, { text: '议事' }] }]);
    sheet.getCell('B2').numFmt = 'yyyy"年"m"月"d"日"';
    sheet.getCell('C2').numFmt = '0.00';
    const file = tempFile();
    await workbook.xlsx.writeFile(file);

    const opened = openWorkbook(file)!;
    expect(opened.sheets.map((s) => s.name)).toEqual(['说明', '居民']);
    opened.close();
    const rows = await readAll(file, '居民');
    expect(rows[0]!.values.slice(1)).toEqual(['姓名', '出生日期', '数字', '布尔', '公式', '错误', '富文本']);
    const values = rows[1]!.values;
    expect(values[1]).toBe('王芳');
    expect(values[2]).toEqual(new Date(Date.UTC(1985, 4, 20)));
    expect(values[3]).toBe(3.5);
    expect(values[4]).toBe(true);
    expect(values[5]).toMatchObject({ formula: 'C2*2' });
    expect(values[6]).toEqual({ error: '#N/A' });
    expect(values[7]).toBe('红色议事');
  });

  it('counts days from 1904 when the workbook says so', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    const sheet = workbook.addWorksheet('居民');
    sheet.addRow([new Date(Date.UTC(2001, 1, 3))]);
    sheet.getCell('A1').numFmt = 'yyyy-mm-dd';
    const file = tempFile();
    await workbook.xlsx.writeFile(file);
    expect(fs.existsSync(file)).toBe(true);
    const rows = await readAll(file, '居民');
    expect(rows[0]!.values[1]).toEqual(new Date(Date.UTC(2001, 1, 3)));
  });

  it('tells date formats from number formats', () => {
    expect(isDateFormat('yyyy/m/d')).toBe(true);
    expect(isDateFormat('[$-F800]dddd, mmmm dd, yyyy')).toBe(true);
    expect(isDateFormat('h:mm:ss')).toBe(true);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('#,##0 "天"')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
    expect(isDateFormat('@')).toBe(false);
  });

  it('does not open what is not an xlsx, and fails on a damaged sheet instead of reading garbage', async () => {
    const text = tempFile();
    fs.writeFileSync(text, '姓名,证件号码\n王芳,110101199003074514\n');
    expect(openWorkbook(text)).toBeUndefined();
    expect(await inspectXlsx(text)).toBeUndefined();

    const file = await writeSheet([['王芳', '1', '2']]);
    const workbook = openWorkbook(file)!;
    const sheet = workbook.sheets[0]!;
    workbook.close();
    // Cut the sheet's compressed data in half: the zip directory still names it, its data is broken.
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, sheet.entry.localOffset + 40, sheet.entry.localOffset + 40 + Math.floor(sheet.entry.compressedSize / 2));
    fs.writeFileSync(file, bytes);
    await expect(readAll(file, sheet.name)).rejects.toThrow();
  });
});
