import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { SharedStrings } from './shared-strings';
import type { WorkbookFile } from './workbook-file';
import { columnNumber } from './xml';

/**
 * A cell as the row reader gives it, in the shapes exceljs uses, so code that judged exceljs rows
 * judges these the same: text, numbers, booleans, dates (numbers in a date format), and objects
 * for formulas (`{ formula }`) and error values (`{ error }`).
 */
export type CellValue = string | number | boolean | Date | { readonly formula: string; readonly result?: string } | { readonly error: string } | undefined;

export interface SheetRow {
  /** 1-based row number as the sheet states it. */
  readonly number: number;
  /** Indexed by column number (1-based); index 0 and absent cells are undefined. */
  readonly values: readonly CellValue[];
}

/** Limits against a zip that inflates to far more than its size suggests. */
const MAX_SHARED_STRING_CHARS = 200 * 1024 * 1024;

export class XlsxReadError extends Error {}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Feeds an inflated part to a parser, chunk by chunk, yielding between chunks. */
async function* parse(stream: Readable, parser: SaxesParser): AsyncGenerator<void> {
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk);
      yield;
    }
    parser.close();
    yield;
  } finally {
    stream.destroy();
  }
}

/** Per opened workbook, so that looking through several sheets reads the table once. */
const sharedStringTables = new WeakMap<WorkbookFile, Promise<SharedStrings>>();
function sharedStrings(workbook: WorkbookFile): Promise<SharedStrings> {
  let table = sharedStringTables.get(workbook);
  if (!table) {
    table = readSharedStrings(workbook);
    sharedStringTables.set(workbook, table);
  }
  return table;
}

/** The shared-string table: text of every `<si>`, rich-text runs joined, phonetic guides left out. */
async function readSharedStrings(workbook: WorkbookFile): Promise<SharedStrings> {
  const strings = new SharedStrings();
  const entry = workbook.part('xl/sharedStrings.xml');
  if (!entry) return strings;
  const stream = workbook.stream(entry);
  if (!stream) throw new XlsxReadError('sharedStrings.xml cannot be read');
  const parser = new SaxesParser();
  let text = '';
  let inText = false;
  let phonetic = 0;
  let chars = 0;
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') text = '';
    else if (name === 't') inText = phonetic === 0;
    else if (name === 'rPh') phonetic++;
  });
  parser.on('text', (t) => {
    if (inText) text += t;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 't') inText = false;
    else if (name === 'rPh') phonetic--;
    else if (name === 'si') {
      chars += text.length;
      if (chars > MAX_SHARED_STRING_CHARS) throw new XlsxReadError('shared strings too large');
      strings.push(text);
    }
  });
  for await (const _ of parse(stream, parser));
  return strings;
}

// Built-in number formats that show dates or times (ECMA-376 18.8.30, plus the East Asian ones).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a custom number format shows a date or time (y, m, d, h, s outside quotes and brackets). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** Indexes of the cell formats (`s="…"`) that show numbers as dates. */
function dateStyles(workbook: WorkbookFile): ReadonlySet<number> {
  const xml = workbook.smallPart('xl/styles.xml');
  const dates = new Set<number>();
  if (!xml) return dates;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const id = /numFmtId\s*=\s*["'](\d+)["']/.exec(m[0])?.[1];
    const code = /formatCode\s*=\s*"([^"]*)"|formatCode\s*=\s*'([^']*)'/.exec(m[0]);
    if (id && code) custom.set(Number(id), (code[1] ?? code[2] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  let index = 0;
  for (const m of cellXfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
    const id = Number(/numFmtId\s*=\s*["'](\d+)["']/.exec(m[0])?.[1] ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(index);
    index++;
  }
  return dates;
}

/** An Excel serial day number as the UTC instant exceljs gives for it. */
const serialToDate = (serial: number, date1904: boolean) => new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000));

/**
 * Streams the rows of one sheet. Memory stays flat (one inflated chunk and its rows at a time)
 * apart from the shared-string table, which the sheet refers into. Throws XlsxReadError (or the
 * parser's error) on a part that is not well-formed.
 */
export async function* readSheetRows(workbook: WorkbookFile, sheetName: string): AsyncGenerator<SheetRow> {
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new XlsxReadError(`no sheet named ${sheetName}`);
  const strings = await sharedStrings(workbook);
  const dates = dateStyles(workbook);
  const stream = workbook.stream(sheet.entry);
  if (!stream) throw new XlsxReadError(`sheet ${sheetName} cannot be read`);

  const parser = new SaxesParser();
  const ready: SheetRow[] = [];
  let rowNumber = 0;
  let values: CellValue[] = [];
  let column = 0;
  let type = '';
  let style = 0;
  let value = '';
  let inline = '';
  let formula: string | undefined;
  let collecting: 'v' | 't' | 'f' | undefined;
  let phonetic = 0;

  const startCell = (tag: SaxesTagPlain) => {
    const ref = tag.attributes.r;
    const letters = ref ? /^[A-Z]+/.exec(ref)?.[0] : undefined;
    column = letters ? columnNumber(letters) : column + 1;
    type = tag.attributes.t ?? 'n';
    style = Number(tag.attributes.s ?? 0);
    value = '';
    inline = '';
    formula = undefined;
  };
  const endCell = () => {
    let cell: CellValue;
    if (formula !== undefined) cell = { formula, result: value };
    else if (type === 's') cell = value === '' ? undefined : strings.at(Number(value));
    else if (type === 'inlineStr') cell = inline;
    else if (type === 'str') cell = value;
    else if (type === 'b') cell = value === '1' || value === 'true';
    else if (type === 'e') cell = { error: value };
    else if (type === 'd') cell = value === '' ? undefined : new Date(value);
    else if (value === '') cell = undefined;
    else {
      const n = Number(value);
      cell = dates.has(style) && Number.isFinite(n) ? serialToDate(n, workbook.date1904) : n;
    }
    if (cell !== undefined) values[column] = cell;
  };

  parser.on('opentag', (tag) => {
    switch (localName(tag.name)) {
      case 'row': {
        const r = Number(tag.attributes.r);
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        values = [];
        column = 0;
        break;
      }
      case 'c':
        startCell(tag);
        break;
      case 'v':
        collecting = 'v';
        break;
      case 'f':
        collecting = 'f';
        formula = '';
        break;
      case 't':
        if (phonetic === 0) collecting = 't';
        break;
      case 'rPh':
        phonetic++;
        break;
    }
  });
  parser.on('text', (text) => {
    if (collecting === 'v') value += text;
    else if (collecting === 't') inline += text;
    else if (collecting === 'f') formula += text;
  });
  parser.on('closetag', (tag) => {
    switch (localName(tag.name)) {
      case 'v':
      case 't':
      case 'f':
        collecting = undefined;
        break;
      case 'rPh':
        phonetic--;
        break;
      case 'c':
        endCell();
        break;
      case 'row':
        ready.push({ number: rowNumber, values });
        break;
    }
  });

  for await (const _ of parse(stream, parser)) {
    const batch = ready.splice(0);
    for (const row of batch) yield row;
  }
}
