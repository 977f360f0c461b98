/**
 * Phone cameras take 4–12 MB photos; over a weak mobile connection that is the slowest part
 * of reporting. Large photos are re-encoded as JPEG at most 2560 px on the long edge before
 * upload (which also drops their EXIF, including the GPS position, of an anonymous report).
 * Anything that fails here uploads the original: the server has the final word.
 */
const MAX_EDGE = 2560;
const SMALL_ENOUGH = 1.5 * 1024 * 1024;

export async function shrinkPhoto(file: File): Promise<File> {
  if (typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const longEdge = Math.max(bitmap.width, bitmap.height);
    if (file.size <= SMALL_ENOUGH && longEdge <= MAX_EDGE) {
      bitmap.close();
      return file;
    }
    const scale = Math.min(1, MAX_EDGE / longEdge);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob || blob.size >= file.size) return file;
    const name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
    return new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified });
  } catch {
    return file;
  }
}
