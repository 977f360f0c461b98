/**
 * Attachment types, recognised from the bytes (the file name and the browser's claim can lie). Office
 * files are zip archives: the name of the first part's folder tells Word, Excel and PowerPoint apart.
 */
export interface SniffedType {
  readonly contentType: string;
  readonly extension: string;
}

const startsWith = (bytes: Buffer, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

export function sniffAttachment(bytes: Buffer): SniffedType | null {
  if (bytes.length < 8) return null;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { contentType: 'application/pdf', extension: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', extension: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // An OOXML package names its parts in the zip directory; the first few KB are enough to find one.
    const head = bytes.subarray(0, Math.min(bytes.length, 64 * 1024)).toString('latin1');
    if (!head.includes('[Content_Types].xml')) return null;
    if (head.includes('word/')) return { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
    if (head.includes('xl/')) return { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
    if (head.includes('ppt/')) return { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' };
  }
  return null;
}

/** Keeps the uploaded name readable but harmless in a Content-Disposition header, with the real extension. */
export function safeFileName(name: string | undefined, sniffed: SniffedType): string {
  const base = (name ?? '')
    .replace(/\.[^.]*$/, '')
    .replace(/[\\/:*?"<>|]/g, '')
    // Control characters would break the Content-Disposition header.
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 80);
  return `${base || '附件'}.${sniffed.extension}`;
}

export const ATTACHMENTS_PER_MATERIAL = 10;
