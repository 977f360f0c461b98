import fs from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * Just enough zip reading for xlsx uploads: the central directory, small parts read whole, large
 * parts streamed through zlib. Uploads are capped far below 4 GB, so ZIP64 is not needed; a file
 * that is not a readable zip gives undefined rather than an exception.
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

/** A zip file (every xlsx is one) starts with a local file header, `PK\x03\x04`. */
export function hasZipSignature(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** The central directory of a (non-ZIP64) zip file; undefined when it is not a readable zip. */
export function zipEntries(fd: number, size: number): ZipEntry[] | undefined {
  const tailLength = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLength);
  fs.readSync(fd, tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset + dirSize > size) return undefined;
  const dir = Buffer.alloc(dirSize);
  fs.readSync(fd, dir, 0, dirSize, dirOffset);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 46 <= dir.length; i++) {
    if (dir.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    entries.push({
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      localOffset: dir.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's (compressed) data begins: after its local header, name and extra field. */
export function localDataStart(fd: number, entry: ZipEntry): number | undefined {
  const header = Buffer.alloc(30);
  fs.readSync(fd, header, 0, 30, entry.localOffset);
  if (header.readUInt32LE(0) !== 0x04034b50) return undefined;
  return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** A small part (workbook, relationships, styles) as text; undefined when unreadable or over 16 MB compressed. */
export function readSmallEntry(fd: number, entry: ZipEntry): string | undefined {
  const start = localDataStart(fd, entry);
  if (start === undefined || entry.compressedSize > 16 * 1024 * 1024) return undefined;
  const raw = Buffer.alloc(entry.compressedSize);
  fs.readSync(fd, raw, 0, raw.length, start);
  try {
    return (entry.method === 8 ? zlib.inflateRawSync(raw, { maxOutputLength: 256 * 1024 * 1024 }) : raw).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A part's inflated bytes as a stream (stored or deflated entries only); undefined otherwise. */
export function entryStream(filePath: string, fd: number, entry: ZipEntry): Readable | undefined {
  if (entry.method !== 0 && entry.method !== 8) return undefined;
  const start = localDataStart(fd, entry);
  if (start === undefined) return undefined;
  const source = fs.createReadStream(filePath, { start, end: start + Math.max(entry.compressedSize, 1) - 1, highWaterMark: 256 * 1024 });
  if (entry.method === 0) return source;
  const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  source.on('error', (error) => inflate.destroy(error));
  inflate.on('close', () => source.destroy());
  return source.pipe(inflate);
}

/** The text of one part of an xlsx (e.g. `xl/worksheets/sheet1.xml`); undefined when absent. */
export function readXlsxPart(filePath: string, partName: string): string | undefined {
  const fd = fs.openSync(filePath, 'r');
  try {
    const entry = zipEntries(fd, fs.fstatSync(fd).size)?.find((e) => e.name === partName);
    return entry ? readSmallEntry(fd, entry) : undefined;
  } finally {
    fs.closeSync(fd);
  }
}
