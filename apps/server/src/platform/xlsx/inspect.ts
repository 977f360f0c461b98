import type { Readable } from 'node:stream';
import { openWorkbook } from './workbook-file';

export interface XlsxShape {
  /** Sheet name → merged ranges (the row reader streams past them: they come after the rows). */
  readonly merges: ReadonlyMap<string, readonly string[]>;
  /** Sheet name → number of `<row>` elements, blank rows included (an upper bound of data rows + header). */
  readonly rowTags: ReadonlyMap<string, number>;
}

/**
 * Looks inside an upload before it is accepted: it must be an xlsx workbook whose sheets inflate
 * cleanly. Merged ranges are gathered from each sheet's `<mergeCell ref="…"/>` elements, which
 * follow the rows, so a streaming row reader could only learn of them too late. Undefined for
 * anything that is not a readable xlsx workbook.
 */
export async function inspectXlsx(filePath: string): Promise<XlsxShape | undefined> {
  const workbook = openWorkbook(filePath);
  if (!workbook) return undefined;
  try {
    const merges = new Map<string, string[]>();
    const rowTags = new Map<string, number>();
    for (const sheet of workbook.sheets) {
      const stream = workbook.stream(sheet.entry);
      if (!stream) return undefined;
      const scanned = await scanSheet(stream);
      if (scanned === undefined) return undefined;
      if (scanned.ranges.length > 0) merges.set(sheet.name, scanned.ranges);
      rowTags.set(sheet.name, scanned.rows);
    }
    return { merges, rowTags };
  } finally {
    workbook.close();
  }
}

async function scanSheet(stream: Readable): Promise<{ ranges: string[]; rows: number } | undefined> {
  const ranges: string[] = [];
  let rows = 0;
  let carry = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = carry + chunk.toString('latin1');
      const pattern = /<(?:\w+:)?(?:mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"|row[\s>/])/g;
      let match: RegExpExecArray | null;
      let consumed = 0;
      while ((match = pattern.exec(text))) {
        if (match[1]) ranges.push(match[1]);
        else rows++;
        consumed = pattern.lastIndex;
      }
      carry = text.slice(Math.max(consumed, text.length - 64));
    }
  } catch {
    return undefined;
  } finally {
    stream.destroy();
  }
  return { ranges, rows };
}

/** The rows (1-based) a merged range such as `A3:B5` spans. */
export function rowsOfRange(range: string): { first: number; last: number; firstColumn: string } {
  const [a, b = a] = range.split(':') as [string, string?];
  const first = Number(/\d+/.exec(a)![0]);
  const last = Number(/\d+/.exec(b!)![0]);
  return { first: Math.min(first, last), last: Math.max(first, last), firstColumn: /[A-Z]+/.exec(a)![0] };
}
