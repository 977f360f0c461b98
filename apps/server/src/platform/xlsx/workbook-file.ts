import fs from 'node:fs';
import { entryStream, hasZipSignature, readSmallEntry, zipEntries, type ZipEntry } from './zip-entries';

/** One worksheet of an uploaded workbook: its name and where its XML is in the zip. */
export interface SheetPart {
  readonly name: string;
  readonly entry: ZipEntry;
}

/** An opened xlsx upload: its sheets in workbook order and access to its parts. Close it when done. */
export interface WorkbookFile {
  readonly filePath: string;
  readonly sheets: readonly SheetPart[];
  /** Dates count from 1904 (old Mac workbooks). */
  readonly date1904: boolean;
  part(name: string): ZipEntry | undefined;
  smallPart(name: string): string | undefined;
  stream(entry: ZipEntry): ReturnType<typeof entryStream>;
  close(): void;
}

const decodeXml = (s: string) =>
  s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag)?.slice(1).find((v) => v !== undefined);

/**
 * Opens an xlsx file: a zip holding `xl/workbook.xml` whose sheets resolve through its
 * relationships. Undefined for anything else (another file type, a damaged zip, an xls renamed).
 */
export function openWorkbook(filePath: string): WorkbookFile | undefined {
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    if (!hasZipSignature(head)) throw new Error('not a zip');
    const entries = zipEntries(fd, size);
    if (!entries) throw new Error('no zip directory');
    const byName = new Map(entries.map((e) => [e.name, e]));
    const workbookEntry = byName.get('xl/workbook.xml');
    const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
    const workbookXml = workbookEntry && readSmallEntry(fd, workbookEntry);
    const relsXml = relsEntry && readSmallEntry(fd, relsEntry);
    if (workbookXml === undefined || relsXml === undefined) throw new Error('not a workbook');
    const targets = new Map<string, string>();
    for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const id = attribute(m[0], 'Id');
      const target = attribute(m[0], 'Target');
      // Targets are relative to xl/ unless absolute (some writers put "/xl/worksheets/…").
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
    }
    const sheets: SheetPart[] = [];
    for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const name = attribute(m[0], 'name');
      const rid = attribute(m[0], 'r:id') ?? attribute(m[0], '\\w+:id');
      const entry = rid ? byName.get(targets.get(rid) ?? '') : undefined;
      if (name !== undefined && entry) sheets.push({ name: decodeXml(name), entry });
    }
    const workbookPr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbookXml)?.[0] ?? '';
    const date1904 = /^(1|true)$/.test(attribute(workbookPr, 'date1904') ?? '');
    return {
      filePath,
      sheets,
      date1904,
      part: (name) => byName.get(name),
      smallPart: (name) => {
        const entry = byName.get(name);
        return entry && readSmallEntry(fd, entry);
      },
      stream: (entry) => entryStream(filePath, fd, entry),
      close: () => fs.closeSync(fd),
    };
  } catch {
    fs.closeSync(fd);
    return undefined;
  }
}
