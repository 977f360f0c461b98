import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../platform/errors';

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

function unprocessablePixels(): AppError {
  return new AppError(422, 'photo_too_many_pixels', { max: PHOTO_MAX_PIXELS / 10_000 });
}
