import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { columnLetter, escapeXml } from './xml';

export interface SheetColumn {
  readonly header: string;
  /** Width in characters. */
  readonly width?: number;
}

export interface SheetWriterOptions {
  readonly sheetName: string;
  readonly columns: readonly SheetColumn[];
  /** Keep the header row in view while scrolling. */
  readonly freezeHeader?: boolean;
  /** Format every column as text (`@`), so ID numbers and phones stay text when edited and saved again. */
  readonly textCells?: boolean;
}

export type SheetValue = string | number | null | undefined;

export interface SheetWriter {
  /** The xlsx file, to be piped to a file or a response. */
  readonly stream: Readable;
  /** Adds one row; await it so that a slow reader holds the writer back. */
  addRow(values: readonly SheetValue[]): Promise<void> | undefined;
  /** Writes the end of the sheet and the zip directory. */
  end(): Promise<void>;
  /** Ends the file with an error (the reader sees the stream fail). */
  fail(error: Error): void;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>';
// Cell formats: 0 the default for every cell (text or general), 1 the bold header. A default
// format keeps a style attribute off every cell of a million-row file.
const styles = (textCells: boolean) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="2"><xf numFmtId="${textCells ? 49 : 0}" fontId="0" fillId="0" borderId="0" xfId="0"${textCells ? ' applyNumberFormat="1"' : ''}/>` +
  `<xf numFmtId="${textCells ? 49 : 0}" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"${textCells ? ' applyNumberFormat="1"' : ''}/></cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const workbookXml = (sheetName: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

function sheetHead(options: SheetWriterOptions): string {
  const view = options.freezeHeader
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    : '';
  const cols = options.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 12}" customWidth="1"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${view}<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`
  );
}

/**
 * A one-sheet xlsx written as a stream: rows become XML text with string values and go through
 * zlib (off the main thread) into a zip, so memory stays flat however many rows are written.
 * exceljs builds an object per cell and costs about ten times as much per row; it stays for
 * workbooks with validation lists and several sheets (templates).
 */
export function createSheetWriter(options: SheetWriterOptions): SheetWriter {
  const zip = new ZipFile();
  const sheet = new PassThrough({ highWaterMark: 256 * 1024 });
  const mtime = new Date();
  const entry = { mtime, compressionLevel: 1 };
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml', entry);
  zip.addBuffer(Buffer.from(ROOT_RELS), '_rels/.rels', entry);
  zip.addBuffer(Buffer.from(workbookXml(options.sheetName)), 'xl/workbook.xml', entry);
  zip.addBuffer(Buffer.from(WORKBOOK_RELS), 'xl/_rels/workbook.xml.rels', entry);
  zip.addBuffer(Buffer.from(styles(options.textCells ?? false)), 'xl/styles.xml', entry);
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml', entry);
  zip.end();
  const output = zip.outputStream as unknown as Readable;
  // A reader that goes away (a closed download) ends the writer too: the next row throws.
  output.on('close', () => sheet.destroy());

  const letters = options.columns.map((_, i) => columnLetter(i + 1));
  let rowNumber = 0;
  let buffered = '';

  // Strings as `t="str"` values (as exceljs and others write them): half the markup of inline strings.
  const row = (values: readonly SheetValue[], cellStyle: string) => {
    rowNumber++;
    let xml = `<row r="${rowNumber}">`;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined || value === '') continue;
      const ref = (letters[i] ?? columnLetter(i + 1)) + rowNumber;
      xml +=
        typeof value === 'number'
          ? `<c r="${ref}"${cellStyle}><v>${value}</v></c>`
          : `<c r="${ref}"${cellStyle} t="str"><v>${escapeXml(value)}</v></c>`;
    }
    return `${xml}</row>`;
  };

  const drainOrClose = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        sheet.off('drain', done);
        sheet.off('close', done);
        resolve();
      };
      sheet.on('drain', done);
      sheet.on('close', done);
    });

  const flush = () => {
    if (buffered === '') return true;
    const ok = sheet.write(buffered);
    buffered = '';
    return ok;
  };

  buffered = sheetHead(options) + row(options.columns.map((c) => c.header), ' s="1"');

  return {
    stream: output,
    addRow(values) {
      if (sheet.destroyed) throw new Error('The xlsx stream was closed');
      buffered += row(values, '');
      // Strings are gathered into ~64 KB writes: one write per row costs more than the row itself.
      if (buffered.length < 32_768) return undefined;
      return flush() ? undefined : drainOrClose();
    },
    async end() {
      if (sheet.destroyed) throw new Error('The xlsx stream was closed');
      buffered += '</sheetData></worksheet>';
      flush();
      sheet.end();
      await once(sheet, 'finish');
    },
    fail(error) {
      sheet.destroy(error);
      output.destroy(error);
    },
  };
}
