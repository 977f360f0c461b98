import type { FastifyRequest } from 'fastify';
import sharp, { type Metadata } from 'sharp';
import { AppError } from './errors';

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_MAX_PIXELS = 40_000_000;
/** Phones shoot 4000+ px; 2560 on the long side is plenty for a register and keeps the database small. */
const STORED_LONG_SIDE = 2560;

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

export interface NormalisedPhoto {
  readonly data: Buffer;
  readonly mime: PhotoMime;
  readonly width: number;
  readonly height: number;
}

/** The type by magic number; the file name and the declared type are not trusted. */
export function sniffImageType(bytes: Buffer): PhotoMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Photos (requests, org-life sessions, …): checked by content, then re-encoded without metadata.
 *
 * Checks an upload and re-encodes it: the orientation is applied to the pixels and every piece of
 * metadata (EXIF with GPS position, XMP, comments) is dropped, so a stored photo never tells where
 * a resident lives.
 */
export async function normalisePhoto(bytes: Buffer): Promise<NormalisedPhoto> {
  if (bytes.length > PHOTO_MAX_BYTES) throw new AppError(413, 'photo_too_large', { max: `${PHOTO_MAX_BYTES / 1024 / 1024} MB` });
  const mime = sniffImageType(bytes);
  if (!mime) throw new AppError(415, 'photo_not_image');
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError(415, 'photo_not_image');
  }
  if (!metadata.width || !metadata.height) throw new AppError(415, 'photo_not_image');
  if (metadata.width * metadata.height > PHOTO_MAX_PIXELS) throw unprocessablePixels();
  try {
    const pipeline = sharp(bytes, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: STORED_LONG_SIDE, height: STORED_LONG_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded = mime === 'image/png' ? pipeline.png() : mime === 'image/webp' ? pipeline.webp({ quality: 85 }) : pipeline.jpeg({ quality: 85, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, mime, width: info.width, height: info.height };
  } catch {
    throw new AppError(415, 'photo_not_image');
  }
}

const tooLarge = () => new AppError(413, 'photo_too_large', { max: `${PHOTO_MAX_BYTES / 1024 / 1024} MB` });

/**
 * The bytes of the one file of a multipart upload (field name free), refused the same way
 * everywhere: not multipart or no file → 415, over the size limit → 413.
 */
export async function readUploadedImage(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError(415, 'photo_not_image');
  try {
    const file = await req.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
    if (!file) throw new AppError(415, 'photo_not_image');
    const bytes = await file.toBuffer();
    if (file.file.truncated) throw tooLarge();
    return bytes;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw new AppError(415, 'photo_not_image');
  }
}

function unprocessablePixels(): AppError {
  return new AppError(422, 'photo_too_many_pixels', { max: PHOTO_MAX_PIXELS / 10_000 });
}
